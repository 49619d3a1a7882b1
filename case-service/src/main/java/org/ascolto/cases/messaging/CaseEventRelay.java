package org.ascolto.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CloudEventHeaders;
import org.ascolto.contracts.Topics;
import org.ascolto.contracts.TraceContext;
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
    /** The advisory lock that elects the one relay running at a time. */
    private static final long RELAY_LOCK = 0x6361736552656c61L;

    private final Producer<String, byte[]> producer;
    private final EntityManager em;
    private final CaseConfig config;

    public CaseEventRelay(Producer<String, byte[]> producer, EntityManager em, CaseConfig config) {
        this.producer = producer;
        this.em = em;
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
            boolean elected = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!elected) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> pending = em.createNativeQuery(
                    "select id, case_id, type, occurred_at, cast(payload as text), traceparent from case_event_outbox"
                            + " where published_at is null order by position limit ?1")
                    .setParameter(1, config.outbox().batchSize())
                    .getResultList();
            if (pending.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(pending.size());
            List<UUID> ids = new ArrayList<>(pending.size());
            for (Object[] row : pending) {
                UUID id = (UUID) row[0];
                String caseId = row[1].toString();
                ids.add(id);
                Headers headers = CloudEventHeaders.of(id.toString(), CaseEvent.SOURCE, (String) row[2], instant(row[3]), caseId);
                if (row[5] != null) {
                    headers.add(TraceContext.TRACEPARENT, ((String) row[5]).getBytes(StandardCharsets.UTF_8));
                }
                acks.add(producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, null, caseId,
                        ((String) row[4]).getBytes(StandardCharsets.UTF_8), headers)));
            }
            for (Future<RecordMetadata> ack : acks) {
                awaitAck(ack);
            }
            em.createNativeQuery("update case_event_outbox set published_at = now() where id = any(?1)")
                    .setParameter(1, ids.toArray(UUID[]::new))
                    .executeUpdate();
            return pending.size();
        });
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) timestamp;
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
