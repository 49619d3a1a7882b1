package org.ascolto.simulator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.Test;

/** The case events a fault run counts, on a real broker: a change under a second ce_id is a duplicate, the same ce_id again is not. */
class CaseEventWatcherTest {

    private final String kafka = TestKafka.bootstrapServers();
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new ByteArraySerializer(), new ByteArraySerializer());

    @Test
    void countsOnlyWhatWasPublishedSinceTheStartAndTellsRedeliveriesFromDuplicates() throws Exception {
        org.ascolto.localinfra.Topics.create(kafka, 3);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String opened = UUID.randomUUID().toString();
        publish(first, 1, opened); // before the run: not counted
        producer.flush();
        try (CaseEventWatcher watcher = new CaseEventWatcher(kafka)) {
            String contactAdded = UUID.randomUUID().toString();
            publish(first, 2, contactAdded);
            publish(first, 2, contactAdded); // the relay published it again after a crash: at least once
            publish(first, 2, UUID.randomUUID().toString()); // the same change as a second event: a duplicate
            publish(first, 3, UUID.randomUUID().toString());
            publish(second, 1, UUID.randomUUID().toString());
            producer.flush();

            assertEquals(new CaseEventWatcher.Count(5, 1, 1), watcher.readToEnd());
        } finally {
            producer.close();
        }
    }

    private void publish(String caseId, int sequence, String eventId) {
        String payload = "{\"eventId\":\"" + eventId + "\",\"caseId\":\"" + caseId + "\",\"sequence\":" + sequence + "}";
        producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, null, caseId.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.of(eventId, "/ascolto/case-service", "crm.case.opened.v1", Instant.now(), caseId)));
    }
}
