package org.ascolto.cases.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import org.ascolto.contracts.CitizenContact;

/**
 * How a data-protection officer names the citizen of an access or erasure request: exactly one of a phone number
 * (normalized to E.164, as the adapters store it), an email address (lower-cased) or the pseudonymous citizen key.
 */
public record CitizenIdentifier(Kind kind, String value) {

    public enum Kind {
        PHONE, EMAIL, CITIZEN_KEY
    }

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().\\-/]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    /** The one identifier given; throws {@link IllegalArgumentException} with the reason for none, several or a malformed one. */
    public static CitizenIdentifier of(String phone, String email, String citizenKey) {
        int given = (present(phone) ? 1 : 0) + (present(email) ? 1 : 0) + (present(citizenKey) ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of phone, email, citizenKey");
        }
        if (present(phone)) {
            String e164 = PHONE_PUNCTUATION.matcher(phone).replaceAll("").replaceFirst("^00", "+");
            if (!E164.matcher(e164).matches()) {
                throw new IllegalArgumentException("phone must be an international number such as +39 02 0202");
            }
            return new CitizenIdentifier(Kind.PHONE, e164);
        }
        if (present(email)) {
            String normalized = email.trim().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(normalized).matches()) {
                throw new IllegalArgumentException("email is not an email address");
            }
            return new CitizenIdentifier(Kind.EMAIL, normalized);
        }
        String key = citizenKey.trim();
        if (!CitizenContact.Citizen.isKey(key)) {
            throw new IllegalArgumentException("citizenKey is not a citizen key (base64url, as the cases show it)");
        }
        return new CitizenIdentifier(Kind.CITIZEN_KEY, key);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** What the erasure record keeps: the kind only, never the value. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
