package org.ascolto.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.persistence.OutboxStore;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the outbox to {@link Topics#CASE_EVENTS} in outbox order, keyed by case id, and marks rows
 * published only after the broker acknowledged them: a crash in between publishes them again, and
 * subscribers de-duplicate on {@code ce_id}. An event caused by a contact carries the {@code traceparent} that
 * continues the contact's trace. One relay at a time, whatever the number of instances.
 */
@ApplicationScoped
public class CaseEventRelay {

    private static final Logger LOG = Logger.getLogger(CaseEventRelay.class);

    private final Producer<String, byte[]> producer;
    private final OutboxStore outbox;
    private final CaseConfig config;

    public CaseEventRelay(Producer<String, byte[]> producer, OutboxStore outbox, CaseConfig config) {
        this.producer = producer;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(every = "${ascolto.cases.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (publishPending() == config.outbox().batchSize()) {
                // a full round means more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("case events stay in the outbox until the next round: %s", e.getMessage());
        }
    }

    /** Publishes one round of pending case events; answers how many were published. */
    public int publishPending() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!outbox.elect()) {
                return 0;
            }
            List<OutboxStore.Pending> pending = outbox.pending(config.outbox().batchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = pending.stream().map(this::send).toList();
            for (Future<RecordMetadata> ack : acks) {
                awaitAck(ack);
            }
            outbox.markPublished(pending.stream().map(OutboxStore.Pending::id).toList());
            return pending.size();
        });
    }

    private Future<RecordMetadata> send(OutboxStore.Pending event) {
        String caseId = event.caseId().toString();
        Headers headers = CloudEventHeaders.of(event.id().toString(), CaseEvent.SOURCE, event.type(), event.occurredAt(), caseId);
        if (event.traceparent() != null) {
            headers.add(TraceContext.TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, null, caseId, event.payload(), headers));
    }

    private static void awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged case events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge case events: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
