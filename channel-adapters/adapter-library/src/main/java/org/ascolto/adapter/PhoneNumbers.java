package org.ascolto.adapter;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/** Phone numbers as channels write them, in E.164. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164, or empty when it is not a possible number. Digits without a
     * leading + are read in {@code defaultRegion}'s plan unless they start with a country code
     * the way WhatsApp's {@code wa_id} does; use {@link #fromInternationalDigits} for those.
     */
    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            var number = UTIL.parse(raw, defaultRegion);
            return UTIL.isPossibleNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Digits that already start with the country code (WhatsApp's {@code wa_id}). */
    public static Optional<String> fromInternationalDigits(String digits) {
        return digits == null ? Optional.empty() : toE164(digits.startsWith("+") ? digits : "+" + digits, "ZZ");
    }
}
