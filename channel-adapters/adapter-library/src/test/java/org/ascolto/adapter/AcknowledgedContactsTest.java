package org.ascolto.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.junit.jupiter.api.Test;

class AcknowledgedContactsTest {

    private final AcknowledgedContacts acknowledged = new AcknowledgedContacts(2);

    @Test
    void aRedeliveryIsKnownWhenOnlyTheMomentOfReceiptDiffers() {
        acknowledged.add(call("CTR-1", "Chiede info TARI", Instant.parse("2026-11-23T10:00:00Z")));
        assertTrue(acknowledged.contains(call("CTR-1", "Chiede info TARI", Instant.parse("2026-11-23T10:05:00Z"))));
    }

    @Test
    void anUpdatedRecordIsNotADuplicate() {
        acknowledged.add(call("CTR-1", "Chiede info TARI", Instant.now()));
        assertFalse(acknowledged.contains(call("CTR-1", "Chiede info TARI. Richiamato: risolto.", Instant.now())));
    }

    @Test
    void theOldestAreForgottenBeyondTheCapacity() {
        acknowledged.add(call("CTR-1", "uno", Instant.now()));
        acknowledged.add(call("CTR-2", "due", Instant.now()));
        acknowledged.add(call("CTR-3", "tre", Instant.now()));
        assertFalse(acknowledged.contains(call("CTR-1", "uno", Instant.now())));
        assertTrue(acknowledged.contains(call("CTR-3", "tre", Instant.now())));
    }

    private static CitizenContact call(String contactId, String note, Instant receivedAt) {
        return new CitizenContact(ContactIds.of("phone", contactId), "phone", contactId, Instant.parse("2026-11-23T09:58:00Z"),
                receivedAt, new CitizenContact.Citizen("Zq8Rw2Lp5Nx7Cv1Bm4Hk9Jd3Fs6Ga0T", null, "+390288451234", null, null),
                null, note, null, null, null, null, Map.of("queue", "Tributi"), CitizenContact.SCHEMA_VERSION);
    }
}
