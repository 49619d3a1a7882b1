package org.ascolto.cases.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The outbox as the relay reads it: case events not yet on Kafka, in the order they were written. */
@ApplicationScoped
public class OutboxStore {

    /** The advisory lock that elects the one relay running at a time, whatever the number of instances. */
    private static final long RELAY_LOCK = 0x6361736552656c61L;

    /** A case event waiting to be published. */
    public record Pending(UUID id, UUID caseId, String type, Instant occurredAt, byte[] payload, String traceparent) {
    }

    private final EntityManager em;

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    /** Whether this transaction is the relay: only one holds the lock at a time, until its transaction ends. */
    public boolean elect() {
        return (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK).getSingleResult();
    }

    /** The oldest {@code limit} unpublished events, in outbox order. */
    public List<Pending> pending(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, case_id, type, occurred_at, cast(payload as text), traceparent"
                + " from case_event_outbox where published_at is null order by position limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(row -> new Pending((UUID) row[0], (UUID) row[1], (String) row[2], instant(row[3]),
                ((String) row[4]).getBytes(StandardCharsets.UTF_8), (String) row[5])).toList();
    }

    public void markPublished(List<UUID> ids) {
        em.createNativeQuery("update case_event_outbox set published_at = now() where id = any(?1)")
                .setParameter(1, ids.toArray(UUID[]::new))
                .executeUpdate();
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) timestamp;
    }
}
