package org.ascolto.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.persistence.OutboxStore;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.SealedRecords;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes the outbox to {@link Topics#CASE_EVENTS}, operators' replies to {@link Topics#REPLIES} (sealed as they
 * leave: the outbox keeps them opened, in the case database an erasure redacts), in outbox order, keyed by case id, and erasures to {@link Topics#ERASURES}, keyed by citizen key, and marks rows published only
 * after the broker acknowledged them: a crash in between publishes them again, and subscribers de-duplicate on
 * {@code ce_id}. An event caused by a contact carries the {@code traceparent} that continues the contact's trace.
 * One relay at a time, whatever the number of instances: the holder of a lease it renews each round. It holds no
 * database transaction or connection while Kafka acknowledges; published rows are deleted after the retention; on
 * shutdown it drains the outbox, then gives the lease up.
 */
@ApplicationScoped
public class CaseEventRelay {

    private static final Logger LOG = Logger.getLogger(CaseEventRelay.class);
    /** Longer than a round can take (Kafka's delivery timeout), so that a live relay never loses its lease mid-round. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int PURGED_PER_STATEMENT = 10_000;

    private final Producer<String, byte[]> producer;
    private final OutboxStore outbox;
    private final CaseConfig config;
    private final SealedRecords sealed;
    private final String holder = ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private final AtomicReference<OutboxStore.Backlog> backlog = new AtomicReference<>(new OutboxStore.Backlog(0, Optional.empty()));

    public CaseEventRelay(Producer<String, byte[]> producer, OutboxStore outbox, CaseConfig config, MeterRegistry registry,
            SealedRecords sealed) {
        this.producer = producer;
        this.sealed = sealed;
        this.outbox = outbox;
        this.config = config;
        Gauge.builder("ascolto.cases.outbox.backlog", backlog, b -> b.get().events())
                .description("case events in the outbox not yet on Kafka").register(registry);
        Gauge.builder("ascolto.cases.outbox.oldest.age", backlog,
                b -> b.get().oldest().map(oldest -> Duration.between(oldest, Instant.now()).toMillis() / 1000.0).orElse(0.0))
                .description("age of the oldest case event not yet on Kafka").baseUnit("seconds").register(registry);
    }

    @Scheduled(every = "${ascolto.cases.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (publishPending() == config.outbox().batchSize()) {
                // a full round means more may be waiting
            }
            backlog.set(outbox.backlog());
        } catch (RuntimeException e) {
            LOG.warnf("case events stay in the outbox until the next round: %s", e.getMessage());
        }
    }

    /** Deletes the events published longer ago than the retention, some thousands a statement. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void purge() {
        Instant before = Instant.now().minus(config.outbox().retention());
        int purged;
        try {
            do {
                purged = outbox.purgePublished(before, PURGED_PER_STATEMENT);
            } while (purged == PURGED_PER_STATEMENT);
        } catch (RuntimeException e) {
            LOG.warnf("published case events are purged at the next round: %s", e.getMessage());
        }
    }

    void drainOnShutdown(@Observes ShutdownEvent shutdown) {
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (publishPending() > 0 && Instant.now().isBefore(deadline)) {
                // what operators and contacts changed before the stop reaches subscribers now
            }
            outbox.release(holder);
        } catch (RuntimeException e) {
            LOG.warnf("the outbox was not drained before shutdown; the next relay publishes it: %s", e.getMessage());
        }
    }

    /** Publishes one round of pending case events, when this instance holds the lease; answers how many were published. */
    public int publishPending() {
        if (!outbox.lease(holder, LEASE)) {
            return 0;
        }
        List<OutboxStore.Pending> pending = outbox.pending(config.outbox().batchSize());
        if (pending.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<RecordMetadata>> acks = pending.stream().map(this::send).toList();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged case events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge case events: " + e.getCause().getMessage(), e.getCause());
        }
        outbox.markPublished(pending.stream().map(OutboxStore.Pending::id).toList());
        return pending.size();
    }

    private CompletableFuture<RecordMetadata> send(OutboxStore.Pending event) {
        Headers headers = CloudEventHeaders.of(event.id().toString(), CaseEvent.SOURCE, event.type(), event.occurredAt(), event.key());
        if (event.traceparent() != null) {
            headers.add(TraceContext.TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        byte[] value = Topics.REPLIES.equals(event.topic())
                ? sealed.reply(EventJson.convert(EventJson.parse(event.payload()), Reply.class))
                : event.payload();
        return AcknowledgedProducer.send(producer, new ProducerRecord<>(event.topic(), null, event.key(), value, headers));
    }
}
