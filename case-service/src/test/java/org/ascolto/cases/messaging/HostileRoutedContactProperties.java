package org.ascolto.cases.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.localinfra.HostileRecords;
import org.ascolto.support.kafka.BatchStore;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any record of crm.contacts.routed.v2 is read into a routed contact or refused with {@link InvalidEventException},
 * which the intake takes as permanent (that record to the DLQ) and never as a failure to wait out, which would halt it.
 */
class HostileRoutedContactProperties {

    private static final HostileRecords RECORDS = new HostileRecords("samples/routed-contact/web.json",
            "samples/routed-contact/whatsapp.json");

    @Property(tries = 200)
    void everyRecordIsReadOrRefusedForGood(@ForAll("records") byte[] value) {
        try {
            EventSchema.ROUTED_CONTACT.read(value, RoutedContact.class);
        } catch (InvalidEventException refused) {
            assertFalse(BatchStore.isTransient(refused) || RoutedContactConsumer.concurrentChange(refused));
        }
    }

    /** Found by the property: Jackson reads 1e309 as an infinity, on which the schema validator threw NumberFormatException. */
    @Example
    void aNumberBeyondADoubleIsInvalid() {
        byte[] value = "{\"contact\":{\"location\":{\"lat\":1e309}}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(InvalidEventException.class, () -> EventSchema.ROUTED_CONTACT.read(value, RoutedContact.class));
    }

    @Provide
    Arbitrary<byte[]> records() {
        return Arbitraries.randomValue(RECORDS::value);
    }
}
