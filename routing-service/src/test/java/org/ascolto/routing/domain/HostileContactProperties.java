package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.localinfra.HostileRecords;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.SmallRyeConfig;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the router does with any record of crm.contacts.v2: it is refused as invalid (the DLQ, alone), or it is
 * classified into a routed contact the case service reads back as it was written. Nothing else escapes.
 */
class HostileContactProperties {

    private static final ContactClassifier CLASSIFIER = smallClassifier();
    private static final HostileRecords RECORDS = new HostileRecords("samples/citizen-contact/web.json",
            "samples/citizen-contact/whatsapp.json", "samples/citizen-contact/phone.json", "samples/citizen-contact/instagram.json");

    @Property(tries = 200)
    void everyRecordIsRefusedAsInvalidOrRouted(@ForAll("records") byte[] value) {
        CitizenContact contact;
        try {
            contact = EventSchema.CITIZEN_CONTACT.read(value, CitizenContact.class);
        } catch (InvalidEventException refused) {
            return;
        }
        String text = contact.subject() == null ? contact.text() : contact.subject() + "\n" + contact.text();
        RoutedContact routed = new RoutedContact(contact, CLASSIFIER.classify(text));
        assertEquals(routed, EventSchema.ROUTED_CONTACT.read(EventJson.write(routed), RoutedContact.class));
    }

    /** Trained as the service trains, on every tenth example: how it copes with hostile text does not need all of them. */
    private static ContactClassifier smallClassifier() {
        SmallRyeConfig config = HeldOutEvaluation.serviceConfig();
        RoutingConfig routing = config.getConfigMapping(RoutingConfig.class);
        List<TrainingExample> corpus = TrainingExample.readCorpus(routing.activeModel().trainingCorpus());
        return new ContactClassifier(routing, config.getConfigMapping(Taxonomy.class),
                IntStream.range(0, corpus.size()).filter(i -> i % 10 == 0).mapToObj(corpus::get).toList());
    }

    @Provide
    Arbitrary<byte[]> records() {
        return Arbitraries.randomValue(RECORDS::value);
    }
}
