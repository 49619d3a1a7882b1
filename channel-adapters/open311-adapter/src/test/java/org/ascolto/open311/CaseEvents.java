package org.ascolto.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.localinfra.TestKafka;

/** The case events the case service would publish for one case, with a reference of this test run's own. */
final class CaseEvents {
    private final UUID caseId = UUID.randomUUID();
    private final String reference = "MI-2026-" + (100_000 + (int) (Math.random() * 800_000));
    private final String category;
    private final String queue;
    private final Instant openedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private int sequence;

    CaseEvents(String category) {
        this(category, category + "-queue");
    }

    /** A case in {@code queue}, which the contract leaves unbounded. */
    CaseEvents(String category, String queue) {
        this.category = category;
        this.queue = queue;
    }

    /** The key of this case's events: records sent with it reach the adapter in order with them. */
    String key() {
        return caseId.toString();
    }

    String reference() {
        return reference;
    }

    CaseEvent publish(String type, String status, UUID contactId, String channel) {
        return send(event(caseId, reference, ++sequence, queue, type, status, contactId, channel));
    }

    /** An event of the case again, with an older sequence number: a redelivery or a late arrival. */
    void republish(int sequence, String type, String status) {
        send(event(caseId, reference, sequence, queue, type, status, null, null));
    }

    /** The first event of another case, in this case's partition: once it shows, every event before it was applied. */
    CaseEvent publishBehind(String type, String status) {
        return send(event(UUID.randomUUID(), "MI-2026-" + (900_000 + (int) (Math.random() * 99_999)), 1,
                category + "-queue", type, status, null, null));
    }

    private CaseEvent event(UUID id, String ref, int seq, String queue, String type, String status, UUID contactId,
            String channel) {
        Instant at = openedAt.plusSeconds(seq);
        return new CaseEvent(UUID.randomUUID(), type, id, ref, seq, at,
                new CaseEvent.CaseState(status, category, queue, "NORMAL", null, "open311", openedAt,
                        openedAt.plusSeconds(48 * 3600), 1),
                new CaseEvent.Change(null, status, contactId, channel, null, contactId == null ? "g.russo" : null),
                CaseEvent.SCHEMA_VERSION);
    }

    /** Sends with this case's id as the key, so that the events reach the adapter in the order sent. */
    private CaseEvent send(CaseEvent event) {
        assertEquals(List.of(), EventSchema.CASE_EVENT.violations(EventJson.tree(event)), "a valid case event");
        TestKafka.send(List.of(new ProducerRecord<>(Topics.CASE_EVENTS, null, key(), EventJson.write(event),
                CloudEventHeaders.of(event.eventId().toString(), CaseEvent.SOURCE, event.type(), event.occurredAt(),
                        event.caseId().toString()))));
        return event;
    }
}
