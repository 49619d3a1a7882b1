package org.ascolto.analytics.streams;

import org.ascolto.contracts.InvalidEventException;
import org.ascolto.localinfra.HostileRecords;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The facts analytics counts are read from any record, or the record is refused as invalid, which the stream dead-letters and goes on. */
class HostileFactsProperties {

    private static final HostileRecords CONTACTS = new HostileRecords("samples/sealed-citizen-contact/web.json",
            "samples/sealed-citizen-contact/whatsapp.json", "samples/sealed-citizen-contact/phone.json");
    private static final HostileRecords ROUTED = new HostileRecords("samples/sealed-routed-contact/web.json",
            "samples/sealed-routed-contact/whatsapp.json");

    @Property(tries = 200)
    void contactFactsAreReadOrRefusedAsInvalid(@ForAll("contacts") byte[] value) {
        try {
            FactsDeserializers.contacts().deserialize("crm.contacts.v2", value);
        } catch (InvalidEventException refused) {
            // the stream sends it to the DLQ and counts it (DeadLetterHandler)
        }
    }

    @Property(tries = 200)
    void routedFactsAreReadOrRefusedAsInvalid(@ForAll("routed") byte[] value) {
        try {
            FactsDeserializers.routedContacts().deserialize("crm.contacts.routed.v2", value);
        } catch (InvalidEventException refused) {
            // the stream sends it to the DLQ and counts it (DeadLetterHandler)
        }
    }

    @Provide
    Arbitrary<byte[]> contacts() {
        return Arbitraries.randomValue(CONTACTS::value);
    }

    @Provide
    Arbitrary<byte[]> routed() {
        return Arbitraries.randomValue(ROUTED::value);
    }
}
