package org.ascolto.support.kafka;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.support.retry.DoublingPauses;
import org.jboss.logging.Logger;

import io.smallrye.config.WithDefault;

/**
 * How a consumer stores its polled batches in a database, so that no record stops it. A database that does not answer,
 * or answers "try again" (a lost connection, a serialization failure, a lock or a shutdown), is waited for with capped
 * backoff however long it takes, the consumer {@link ConsumerWaiting waiting} meanwhile. A batch that a database which
 * answers refuses is stored half by half, down to the one record it refuses, which is handed back for the DLQ.
 */
public final class BatchStore {

    private static final Logger LOG = Logger.getLogger(BatchStore.class);

    private final String records;
    private final Retry retry;
    private final ConsumerWaiting waiting;
    private final DataSource database;
    private final Predicate<RuntimeException> passes;

    /**
     * @param records what the batches hold, for logs ("routed contacts")
     * @param database where the batches go: a failure while it does not answer is waited out
     * @param passes failures of the caller's own that pass, besides the database's (an optimistic lock)
     */
    public BatchStore(String records, Retry retry, ConsumerWaiting waiting, DataSource database,
            Predicate<RuntimeException> passes) {
        this.records = records;
        this.retry = retry;
        this.waiting = waiting;
        this.database = database;
        this.passes = passes;
    }

    /** How often a refusal is tried again, and how long the pauses between attempts are. */
    public interface Retry {
        /**
         * Attempts at storing one record that a database which answers keeps refusing, before it goes to the DLQ with the
         * reason. A database that does not answer is waited for, however long.
         */
        @WithDefault("3")
        int attempts();

        /** Pause before the first retry; it doubles at each attempt, up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration backoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    /**
     * Stores the batch with {@code write}; a record the database refuses for its content goes to {@code refused} with
     * why (its SQLSTATE, never its values). The halves are stored in order, so records of one key keep theirs.
     */
    public <T> void store(List<T> batch, Consumer<List<T>> write, BiConsumer<T, String> refused) {
        DoublingPauses pauses = pauses();
        for (int refusals = 0;;) {
            try {
                write.accept(batch);
                waiting.resumed();
                return;
            } catch (RuntimeException e) {
                Optional<String> state = sqlState(e);
                if (passes.test(e) || isTransient(state) || !databaseAnswers()) {
                    waiting.waiting(describe(e, state));
                    LOG.warnf("storing %d %s waits for the database (%s), retrying in %s", batch.size(), records,
                            describe(e, state), pauses.next());
                } else if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    store(batch.subList(0, half), write, refused);
                    store(batch.subList(half, batch.size()), write, refused);
                    return;
                } else if (++refusals >= retry.attempts()) {
                    refused.accept(batch.get(0), "the database refused it: " + describe(e, state));
                    return;
                }
            }
            pauses.await();
        }
    }

    /**
     * Stores a polled batch of records: each read with {@code read} (one that does not read goes to the DLQ, unreadable,
     * with the reason), those read stored together with {@link #store} (one the database refuses goes to the DLQ alone),
     * and the dead letters sent before the batch is acknowledged ({@link #untilSent}).
     */
    public <T> void storeRecords(ConsumerRecords<String, byte[]> polled, Function<byte[], T> read, Consumer<List<T>> write,
            Producer<String, byte[]> producer, DeadLetterCounter deadLetters) {
        List<T> readOnes = new ArrayList<>(polled.count());
        Map<T, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : polled) {
            try {
                T value = read.apply(record.value());
                readOnes.add(value);
                sources.put(value, record);
            } catch (RuntimeException e) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage()));
            }
        }
        if (!readOnes.isEmpty()) {
            store(readOnes, write, (value, why) -> rejected.add(
                    new DeadLetter.Rejected(sources.get(value), DeadLetter.Reason.REFUSED_BY_DATABASE, why)));
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d %s sent to the DLQ, first: %s", rejected.size(), records, rejected.get(0).detail());
            untilSent(() -> deadLetters.sendAll(producer, rejected), rejected.size());
        }
    }

    /**
     * Runs {@code send} (of dead letters to Kafka) until it succeeds, as records wait for the database, the consumer
     * {@link ConsumerWaiting waiting} meanwhile: its batch stays unacknowledged until the DLQ has the rejected records.
     */
    public void untilSent(Runnable send, int count) {
        DoublingPauses pauses = pauses();
        while (true) {
            try {
                send.run();
                waiting.resumed();
                return;
            } catch (RuntimeException e) {
                waiting.waiting("the DLQ: " + e.getClass().getSimpleName());
                LOG.warnf("the DLQ did not take %d rejected %s (%s), retrying in %s", count, records, e.getMessage(), pauses.next());
            }
            pauses.await();
        }
    }

    /**
     * Failures that pass: connection exceptions (SQLSTATE class 08), transaction rollbacks such as serialization failures
     * and deadlocks (40), insufficient resources (53), operator intervention such as a shutting-down server (57), system
     * errors (58) and a lock not available (55P03).
     */
    public static boolean isTransient(Throwable e) {
        return isTransient(sqlState(e));
    }

    private static boolean isTransient(Optional<String> state) {
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

    /** Whether the database takes a connection and answers it now: what tells a refused batch from an outage. */
    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private DoublingPauses pauses() {
        return new DoublingPauses(retry.backoff(), retry.maxBackoff());
    }
}
