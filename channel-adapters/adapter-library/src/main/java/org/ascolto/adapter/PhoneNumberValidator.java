package org.ascolto.adapter;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.SmallRyeConfig;

/** Validators are built before runtime config exists, so the region is read on first use. */
public class PhoneNumberValidator implements ConstraintValidator<PhoneNumber, String> {

    private volatile String region;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.isBlank() || PhoneNumbers.toE164(value, region()).isPresent();
    }

    private String region() {
        if (region == null) {
            region = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(AdapterConfig.class).defaultPhoneRegion();
        }
        return region;
    }
}
