package org.ascolto.web.domain;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An Italian codice fiscale of a person, check character included (null is valid: it is optional on the form). */
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Constraint(validatedBy = FiscalCodeValidator.class)
public @interface FiscalCode {

    String message() default "is not a valid codice fiscale";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
