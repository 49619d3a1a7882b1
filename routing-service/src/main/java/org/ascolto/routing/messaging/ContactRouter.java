package org.ascolto.routing.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.KeyringUnavailableException;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.routing.domain.Classifier;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * Reads contacts a polled batch at a time, opens them, classifies them and publishes each routed and sealed again
 * ({@link SealedRecords}), under the same key and in the same order. A record that does not parse, validate or open
 * (a null, random bytes, another shape, a sealed field that is not one), or whose classification still fails after the
 * configured attempts, goes to the DLQ with the reason instead, and the partition goes on; one whose citizen was erased
 * is skipped and counted. While the keyring does not answer, the batch waits for it (readiness DOWN). The
 * batch is acknowledged, and its offsets committed, only once Kafka has acknowledged every record it produced. When
 * Kafka does not acknowledge (a broker down, a partition without leader), a partition's records are sent again, in
 * order, with capped backoff, however long it takes, while the next batch of that partition waits for them:
 * nothing is lost, order holds, readiness says so, and nothing needs a restart (the case service stores a contact
 * once however often it is routed).
 */
@ApplicationScoped
public class ContactRouter {

    public static final String SOURCE = "/ascolto/routing-service";
    private static final Logger LOG = Logger.getLogger(ContactRouter.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final Classifier classifier;
    private final Producer<String, byte[]> producer;
    private final RoutingHealth health;
    private final DeadLetterCounter deadLetters;
    private final int maxAttempts;
    private final SealedRecords sealed;
    /** The records of each partition still on their way to Kafka: the next batch of the partition waits for them. */
    private final Map<TopicPartition, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final ScheduledExecutorService resends = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "routed-resends"));

    public ContactRouter(Classifier classifier, Producer<String, byte[]> producer, RoutingHealth health, RoutingConfig config,
            DeadLetterCounter deadLetters, SealedRecords sealed) {
        this.classifier = classifier;
        this.sealed = sealed;
        this.producer = producer;
        this.health = health;
        this.deadLetters = deadLetters;
        this.maxAttempts = config.maxAttempts();
    }

    /**
     * Classifies the batch, then produces its records once the partition's previous ones are acknowledged, and returns,
     * so that the next batch is classified while Kafka acknowledges this one; the batch is acknowledged when the last of
     * its records is.
     */
    @Incoming("contacts")
    @Blocking
    public CompletionStage<Void> route(Message<List<byte[]>> batch) {
        ConsumerRecords<String, byte[]> records = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow().getRecords();
        sealed.preload(records);
        List<CompletableFuture<Void>> delivered = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<ProducerRecord<String, byte[]>> outgoing = records.records(partition).stream()
                    .map(this::routedOnceTheKeyringAnswers).filter(Objects::nonNull).toList();
            inFlight.getOrDefault(partition, CompletableFuture.completedFuture(null)).join();
            CompletableFuture<Void> sent = new CompletableFuture<>();
            inFlight.put(partition, sent);
            deliver(outgoing, sent, FIRST_PAUSE);
            delivered.add(sent);
        }
        CompletableFuture.allOf(delivered.toArray(CompletableFuture[]::new)).thenRun(batch::ack);
        return CompletableFuture.completedFuture(null);
    }

    /** Sends the records, and again after a pause until Kafka has them all; then completes {@code sent}. */
    private void deliver(List<ProducerRecord<String, byte[]>> records, CompletableFuture<Void> sent, Duration pause) {
        CompletableFuture.allOf(records.stream().map(record -> AcknowledgedProducer.send(producer, record)).toArray(CompletableFuture[]::new))
                .whenComplete((done, failure) -> {
                    if (failure == null) {
                        health.waiting().resumed();
                        sent.complete(null);
                        return;
                    }
                    health.waiting().waiting(failure.getMessage());
                    LOG.warnf("Kafka did not acknowledge %d routed records (%s): sending them again in %s", records.size(),
                            failure.getMessage(), pause);
                    Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
                    resends.schedule(() -> deliver(records, sent, next), pause.toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    @PreDestroy
    void stop() {
        resends.shutdownNow();
    }

    /** The record's routed record, its dead letter, or null when its citizen was erased; the keyring is waited for. */
    private ProducerRecord<String, byte[]> routedOnceTheKeyringAnswers(ConsumerRecord<String, byte[]> record) {
        return health.waiting().waitOut(KeyringUnavailableException.class, FIRST_PAUSE, LONGEST_PAUSE,
                () -> routedOrDeadLetter(record));
    }

    private ProducerRecord<String, byte[]> routedOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        Optional<CitizenContact> opened;
        try {
            opened = sealed.openContact(record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("rejecting %s-%d@%d to the DLQ: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return deadLetter(record, DeadLetter.Reason.unreadable(record), e.getMessage());
        }
        if (opened.isEmpty()) {
            deadLetters.erased(record);
            return null;
        }
        CitizenContact contact = opened.get();
        RoutingDecision decision;
        try {
            decision = classifyWithRetries(contact);
        } catch (RuntimeException e) {
            LOG.errorf(e, "contact %s failed %d times, to the DLQ", contact.contactId(), maxAttempts);
            return deadLetter(record, DeadLetter.Reason.UNCLASSIFIABLE, "classification failed " + maxAttempts + " times: " + e);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("contact %s (trace %s) routed to %s", contact.contactId(),
                    TraceContext.traceId(record.headers()).orElse("none"), decision.queue());
        }
        return new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, record.key(), sealed.routed(new RoutedContact(contact, decision)),
                TraceContext.continueInto(record.headers(), CloudEventHeaders.of(contact.contactId().toString(),
                        SOURCE, RoutedContact.EVENT_TYPE, Instant.now(), null)));
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, DeadLetter.Reason reason, String detail) {
        deadLetters.count(record, reason);
        return DeadLetter.of(record, reason, detail);
    }

    private RoutingDecision classifyWithRetries(CitizenContact contact) {
        String text = contact.subject() == null ? contact.text() : contact.subject() + "\n" + contact.text();
        for (int attempt = 1; ; attempt++) {
            try {
                return classifier.classify(text);
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                LOG.warnf("classifying contact %s failed (attempt %d of %d): %s", contact.contactId(), attempt, maxAttempts, e);
            }
        }
    }
}
