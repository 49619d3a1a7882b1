package org.ascolto.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.routing.domain.Classifier;
import org.ascolto.routing.domain.ContactClassifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A contact whose classification keeps failing is tried the configured number of times, then dead-lettered; its citizen's other contacts route on, in order. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@TestProfile(ClassificationFailureTest.FailingClassification.class)
class ClassificationFailureTest {

    @Inject
    SealedRecords sealed;

    /** The trained classifier, except that it throws for any text with {@link #FAILS} in it, and counts those attempts. */
    @Alternative
    @Singleton
    public static class FailingClassifier implements Classifier {

        static final String FAILS = "[classification fails]";

        private final ContactClassifier classifier;
        private final AtomicInteger failedAttempts = new AtomicInteger();

        FailingClassifier(ContactClassifier classifier) {
            this.classifier = classifier;
        }

        @Override
        public RoutingDecision classify(String text) {
            if (text.contains(FAILS)) {
                failedAttempts.incrementAndGet();
                throw new IllegalStateException("classifier out of order");
            }
            return classifier.classify(text);
        }
    }

    public static class FailingClassification implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingClassifier.class);
        }
    }

    @Inject
    FailingClassifier classifier;

    @Inject
    RoutingConfig config;

    /** The service's consumers share out the partitions before the test counts what they produce. */
    @BeforeEach
    void consumersSettled() {
        RouterGroup.awaitSettled();
    }

    @Test
    void aFailingClassificationIsRetriedThenDeadLetteredAndTheCitizensOtherContactsRouteInOrder() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact before = Contacts.contact("web", citizen, "una multa per divieto di sosta, vorrei fare ricorso");
        CitizenContact failing = Contacts.contact("web", citizen, "devo pagare la TARI " + FailingClassifier.FAILS);
        CitizenContact after = Contacts.contact("web", citizen, "devo pagare la TARI ma non ho ricevuto l'F24");
        // Same key, so all three land in one partition, in this order.
        TestKafka.send(List.of(Contacts.record(before, sealed::contact), Contacts.record(failing, sealed::contact), Contacts.record(after, sealed::contact)));

        List<ConsumerRecord<String, byte[]>> routed = recordsOf(Topics.CONTACTS_ROUTED, citizen, 2);
        assertEquals(List.of(before.contactId(), after.contactId()),
                routed.stream().map(r -> sealed.openRouted(r.value()).orElseThrow().contact().contactId()).toList());

        ConsumerRecord<String, byte[]> sent = recordsOf(Topics.CONTACTS, citizen, 3).get(1);
        ConsumerRecord<String, byte[]> deadLetter = recordsOf(Topics.CONTACTS_DLQ, citizen, 1).get(0);
        assertEquals(failing.contactId(), EventJson.convert(EventJson.parse(deadLetter.value()), CitizenContact.class).contactId());
        String reason = header(deadLetter, DeadLetter.REASON);
        assertTrue(reason.contains("classification failed " + config.maxAttempts() + " times") && reason.contains("classifier out of order"), reason);
        assertEquals(Topics.CONTACTS, header(deadLetter, DeadLetter.TOPIC));
        assertEquals(Integer.toString(sent.partition()), header(deadLetter, DeadLetter.PARTITION));
        assertEquals(Long.toString(sent.offset()), header(deadLetter, DeadLetter.OFFSET));

        assertTrue(config.maxAttempts() > 1, "the test needs retries to count");
        assertEquals(config.maxAttempts(), classifier.failedAttempts.get(), "attempts before the DLQ");
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, String citizen, int count) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), topic)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> citizen.equals(r.key()), count, Duration.ofSeconds(15));
            assertEquals(count, records.size(), topic);
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name).orElse("");
    }
}
