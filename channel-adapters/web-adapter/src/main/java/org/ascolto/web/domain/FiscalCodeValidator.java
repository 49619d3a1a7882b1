package org.ascolto.web.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * The shape of a personal codice fiscale (digits may be replaced by the letters L-V for homocodes)
 * and its check character, computed as the Agenzia delle Entrate specifies.
 */
public class FiscalCodeValidator implements ConstraintValidator<FiscalCode, String> {

    private static final Pattern SHAPE = Pattern.compile(
            "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
    /** The value of a character in an odd (1st, 3rd, ...) position: digits 0-9, then letters A-Z. */
    private static final int[] ODD = { 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
            1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23 };

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isValid(value);
    }

    static boolean isValid(String code) {
        String normalized = code.trim().toUpperCase(Locale.ROOT);
        return SHAPE.matcher(normalized).matches() && checkCharacter(normalized) == normalized.charAt(15);
    }

    private static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = code.charAt(i);
            int index = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += i % 2 == 0 ? ODD[index] : (Character.isDigit(c) ? c - '0' : c - 'A');
        }
        return (char) ('A' + sum % 26);
    }
}
