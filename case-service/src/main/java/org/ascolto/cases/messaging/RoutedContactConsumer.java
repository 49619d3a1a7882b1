package org.ascolto.cases.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.persistence.ThreadingStore;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Persists routed contacts as cases, one transaction per polled batch, acknowledged (its offsets committed) only after
 * the transaction commits. No record stops the consumer: one that does not parse or validate, has no value, or that
 * the database refuses for its content goes to the DLQ alone, with the reason, and the rest of its batch is stored. A
 * database that does not answer, or answers "try again" (a lost connection, a serialization failure, a lock or a
 * shutdown), is waited for with capped backoff however long it takes, the batch unacknowledged and readiness DOWN
 * meanwhile: nothing is lost and nothing needs a restart.
 */
@ApplicationScoped
public class RoutedContactConsumer {

    private static final Logger LOG = Logger.getLogger(RoutedContactConsumer.class);

    private final ThreadingStore threading;
    private final Producer<String, byte[]> producer;
    private final IntakeHealth health;
    private final CaseConfig.Consumer config;
    private final DeadLetterCounter deadLetters;

    public RoutedContactConsumer(ThreadingStore threading, Producer<String, byte[]> producer, IntakeHealth health,
            CaseConfig config, DeadLetterCounter deadLetters) {
        this.threading = threading;
        this.producer = producer;
        this.health = health;
        this.config = config.consumer();
        this.deadLetters = deadLetters;
    }

    @Incoming("routed")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ReceivedContact> valid = new ArrayList<>(records.count());
        Map<UUID, ConsumerRecord<String, byte[]>> sources = new HashMap<>();
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.NO_VALUE, "no value: a record without a routed contact"));
                continue;
            }
            try {
                RoutedContact routed = EventSchema.ROUTED_CONTACT.read(record.value(), RoutedContact.class);
                valid.add(new ReceivedContact(routed, record.value(), continuedTrace(record)));
                sources.putIfAbsent(routed.contact().contactId(), record);
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("contact %s (trace %s) received", routed.contact().contactId(),
                            TraceContext.traceId(record.headers()).orElse("none"));
                }
            } catch (RuntimeException e) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.INVALID, e.getMessage()));
            }
        }
        if (!valid.isEmpty()) {
            store(valid, sources, rejected);
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d routed contacts sent to the DLQ, first: %s", rejected.size(), rejected.get(0).detail());
            deadLetters.count(rejected);
            deadLetter(rejected);
        }
    }

    /** The traceparent of the case events the contact causes: a span of this service in the contact's trace. */
    private static String continuedTrace(ConsumerRecord<String, byte[]> record) {
        Headers continued = TraceContext.continueInto(record.headers(), new RecordHeaders());
        return CloudEventHeaders.text(continued, TraceContext.TRACEPARENT).orElseThrow();
    }

    /**
     * Stores the batch; when a database that answers refuses it, stores each half on its own, down to the one contact
     * it refuses, which joins {@code rejected}. The halves are stored in order, so a citizen's contacts keep theirs.
     */
    private void store(List<ReceivedContact> batch, Map<UUID, ConsumerRecord<String, byte[]>> sources,
            List<DeadLetter.Rejected> rejected) {
        Duration pause = config.backoff();
        for (int refusals = 0;;) {
            try {
                threading.record(batch);
                health.storing();
                return;
            } catch (RuntimeException e) {
                Optional<String> state = sqlState(e);
                if (isTransient(e, state) || !threading.databaseAnswers()) {
                    health.waitingForTheDatabase(describe(e, state));
                    LOG.warnf("storing %d routed contacts waits for the database (%s), retrying in %s",
                            batch.size(), describe(e, state), pause);
                } else if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    store(batch.subList(0, half), sources, rejected);
                    store(batch.subList(half, batch.size()), sources, rejected);
                    return;
                } else if (++refusals >= config.attempts()) {
                    rejected.add(new DeadLetter.Rejected(sources.get(batch.get(0).contactId()),
                            DeadLetter.Reason.REFUSED_BY_DATABASE, "the database refused the contact: " + describe(e, state)));
                    return;
                }
            }
            sleep(pause);
            pause = min(pause.multipliedBy(2), config.maxBackoff());
        }
    }

    /** Dead letters wait for Kafka like contacts wait for the database: the batch is acknowledged once they are on the DLQ. */
    private void deadLetter(List<DeadLetter.Rejected> rejected) {
        Duration pause = config.backoff();
        while (true) {
            try {
                DeadLetter.sendAll(producer, rejected);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("the DLQ did not take %d rejected records (%s), retrying in %s", rejected.size(), e.getMessage(), pause);
            }
            sleep(pause);
            pause = min(pause.multipliedBy(2), config.maxBackoff());
        }
    }

    /**
     * Failures that pass: connection exceptions (SQLSTATE class 08), transaction rollbacks such as serialization failures
     * and deadlocks (40), insufficient resources (53), operator intervention such as a shutting-down server (57), system
     * errors (58), a lock not available (55P03), and an operator's concurrent change of a case the batch joins.
     */
    static boolean isTransient(RuntimeException e, Optional<String> state) {
        if (causes(e, OptimisticLockException.class) || causes(e, org.hibernate.StaleStateException.class)) {
            return true;
        }
        return state.map(s -> s.startsWith("08") || s.startsWith("40") || s.startsWith("53") || s.startsWith("57")
                || s.startsWith("58") || s.equals("55P03")).orElse(false);
    }

    /** What went wrong, for logs and dead-letter reasons: the kind of failure and its SQLSTATE, never the values refused. */
    private static String describe(RuntimeException e, Optional<String> state) {
        return state.map(s -> "SQLSTATE " + s).orElse(e.getClass().getSimpleName());
    }

    private static Optional<String> sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    private static boolean causes(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}
