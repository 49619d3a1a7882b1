package org.ascolto.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;

import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.contracts.CitizenContact;
import org.junit.jupiter.api.Test;

/** The codice fiscale travels with the contact only where the city configured that its offices need it. */
class ScriviNormalizerTest {

    private static final ScriviForm FORM = new ScriviForm("Mario Rossi", "mario.rossi@example.org", null, "rssmra85t10a562s",
            "TARI", "Non ho ricevuto l'avviso", null, null, null, null, true);

    @Test
    void theFiscalCodeIsDroppedByDefaultAndKeptNormalizedWhereConfigured() {
        CitizenContact dropped = normalizer(false).normalize(FORM, "portal-1", Instant.now());
        assertFalse(dropped.metadata().containsKey("fiscalCode"));
        assertEquals("scrivi", dropped.metadata().get("form"));

        CitizenContact kept = normalizer(true).normalize(FORM, "portal-1", Instant.now());
        assertEquals("RSSMRA85T10A562S", kept.metadata().get("fiscalCode"));
    }

    private static ScriviNormalizer normalizer(boolean keepFiscalCode) {
        AdapterConfig adapter = new AdapterConfig() {
            public String citizenKeySecret() {
                return "test-secret";
            }

            public String defaultPhoneRegion() {
                return "IT";
            }

            public String channel() {
                return "web";
            }

            public int rememberedContacts() {
                return 10;
            }

            public Duration publishTimeout() {
                return Duration.ofSeconds(1);
            }
        };
        return new ScriviNormalizer(new CitizenKeys(adapter), adapter, () -> keepFiscalCode);
    }
}
