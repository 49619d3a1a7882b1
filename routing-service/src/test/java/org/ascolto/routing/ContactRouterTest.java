package org.ascolto.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.HostileRecords;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
class ContactRouterTest {

    @Inject
    SealedRecords sealed;

    @Inject
    Keyring keyring;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /** The service's consumers share out the partitions before the test counts what they produce. */
    @BeforeEach
    void consumersSettled() {
        RouterGroup.awaitSettled();
    }

    @Test
    void aContactIsRoutedUnderTheSameKeyWithAValidDecision() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact contact = Contacts.contact("whatsapp", citizen, "devo pagare la TARI ma non ho ricevuto l'F24");
        var published = Contacts.record(contact, sealed::contact);
        TestKafka.send(List.of(published));

        ConsumerRecord<String, byte[]> record = routedRecordsOf(citizen, 1).get(0);
        RoutedContact routed = sealed.openRouted(record.value()).orElseThrow();
        assertEquals(contact, routed.contact());
        assertEquals("taxes", routed.routing().category());
        assertEquals("tributi", routed.routing().queue());
        assertEquals(citizen, record.key());
        assertEquals(contact.contactId().toString(), CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID).orElseThrow());
        assertEquals(RoutedContact.EVENT_TYPE, CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE).orElseThrow());
        assertTrue(TraceContext.traceId(published.headers()).isPresent());
        assertEquals(TraceContext.traceId(published.headers()), TraceContext.traceId(record.headers()), "the adapter's trace goes on");
    }

    @Test
    void badRecordsGoToTheDlqWithTheReasonAndThePartitionKeepsFlowing() {
        PrometheusText before = scrape();
        String citizen = Contacts.newCitizenKey();
        CitizenContact invalid = Contacts.contact("web", citizen, "testo");
        String invalidJson = new String(EventJson.write(invalid), StandardCharsets.UTF_8)
                .replace("\"channel\":\"web\"", "\"channel\":\"Web Portal!\"");
        CitizenContact valid = Contacts.contact("web", citizen, "una multa per divieto di sosta, vorrei fare ricorso");
        // Same key, so all three land in one partition, in this order.
        TestKafka.send(List.of(
                new ProducerRecord<>(Topics.CONTACTS, citizen, "{not json".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.CONTACTS, citizen, invalidJson.getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.CONTACTS, citizen, null),
                new ProducerRecord<>(Topics.CONTACTS, citizen, new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x7B}),
                Contacts.record(valid, sealed::contact)));

        RoutedContact routed = sealed.openRouted(routedRecordsOf(citizen, 1).get(0).value()).orElseThrow();
        assertEquals(valid.contactId(), routed.contact().contactId());
        assertEquals("fines", routed.routing().category());

        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> rejected = dlq.await(r -> citizen.equals(r.key()), 4, Duration.ofSeconds(15));
            assertEquals(4, rejected.size());
            assertTrue(header(rejected.get(0), "dead-letter-reason").contains("malformed JSON"), header(rejected.get(0), "dead-letter-reason"));
            assertTrue(header(rejected.get(1), "dead-letter-reason").contains("channel"), header(rejected.get(1), "dead-letter-reason"));
            assertEquals("no value", header(rejected.get(2), "dead-letter-reason"));
            assertTrue(header(rejected.get(3), "dead-letter-reason").contains("malformed JSON"), header(rejected.get(3), "dead-letter-reason"));
            for (ConsumerRecord<String, byte[]> record : rejected) {
                assertEquals(Topics.CONTACTS, header(record, "dead-letter-topic"));
                assertFalse(header(record, "dead-letter-partition").isBlank());
                assertFalse(header(record, "dead-letter-offset").isBlank());
            }
        }
        PrometheusText after = scrape();
        assertEquals(3, deadLetters(after, "invalid") - deadLetters(before, "invalid"));
        assertEquals(1, deadLetters(after, "no-value") - deadLetters(before, "no-value"));
        assertTrue(after.sum("kafka_producer_record_send_total", Map.of()) >= 5, "the router's own producer is bound");
        assertEquals(0, after.sum("ascolto_consumer_waiting", Map.of("consumer", "contacts")));
    }

    @Test
    void aSealedFieldThatIsNoSealedBlobGoesToTheDlqAndAnErasedCitizensContactIsSkipped() {
        PrometheusText before = scrape();
        String citizen = Contacts.newCitizenKey();
        String words = "il cassonetto di via Tortona " + UUID.randomUUID();
        List<byte[]> hostile = HostileRecords.notSealed(sealed.contact(Contacts.contact("web", citizen, words)));
        String erasedCitizen = Contacts.newCitizenKey();
        byte[] erased = sealed.contact(Contacts.contact("web", erasedCitizen, words));
        keyring.erase(List.of(erasedCitizen));
        CitizenContact valid = Contacts.contact("web", citizen, "una multa per divieto di sosta, vorrei fare ricorso");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        hostile.forEach(value -> records.add(new ProducerRecord<>(Topics.CONTACTS, citizen, value)));
        records.add(new ProducerRecord<>(Topics.CONTACTS, citizen, erased));
        records.add(Contacts.record(valid, sealed::contact));
        TestKafka.send(records);

        assertEquals(valid.contactId(), sealed.openRouted(routedRecordsOf(citizen, 1).get(0).value()).orElseThrow().contact().contactId());
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> rejected = dlq.await(r -> citizen.equals(r.key()), 4, Duration.ofSeconds(15));
            assertEquals(4, rejected.size());
            List<String> reasons = rejected.stream().map(r -> header(r, "dead-letter-reason")).toList();
            reasons.forEach(reason -> assertTrue(reason.contains("sealed") && !reason.contains("Tortona"), reason));
            assertTrue(reasons.get(1).contains("not a sealed blob") && reasons.get(2).contains("not a sealed blob"), reasons.toString());
            for (int i = 0; i < hostile.size(); i++) {
                assertArrayEquals(hostile.get(i), rejected.get(i).value(), "the dead letter keeps the value as it came");
            }
        }
        PrometheusText after = scrape();
        assertEquals(4, deadLetters(after, "invalid") - deadLetters(before, "invalid"));
        assertEquals(1, after.sum("ascolto_erased_records_total", Map.of("topic", Topics.CONTACTS))
                - before.sum("ascolto_erased_records_total", Map.of("topic", Topics.CONTACTS)), "the erased contact: skipped, counted");
        assertEquals(0, after.sum("ascolto_consumer_waiting", Map.of("consumer", "contacts")));
    }

    private static double deadLetters(PrometheusText scrape, String reason) {
        return scrape.sum("ascolto_dead_letters_total", Map.of("topic", Topics.CONTACTS, "reason", reason));
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.given().get(metrics).then().statusCode(200).extract().asString());
    }

    private static List<ConsumerRecord<String, byte[]>> routedRecordsOf(String citizen, int count) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_ROUTED)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(r -> citizen.equals(r.key()), count, Duration.ofSeconds(15));
            assertEquals(count, records.size());
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name).orElse("");
    }
}
