package org.ascolto.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.ascolto.conformance.IntakeProperties;
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
        return new ScriviNormalizer(IntakeProperties.citizenKeys(), IntakeProperties.adapterConfig(), () -> keepFiscalCode);
    }
}
