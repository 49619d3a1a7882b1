package org.ascolto.adapter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.SealedRecords;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * Publishes contacts to {@link Topics#CONTACTS}, keyed by citizen key, with CloudEvents headers, their personal fields
 * sealed with the citizen's data key ({@link SealedRecords}).
 * The returned {@link Uni} completes only when the broker has acknowledged every record
 * (acks=all, idempotent producer): an adapter answers 2xx after that, never before.
 */
@ApplicationScoped
public class ContactPublisher {

    /** Kafka 4's default: a few milliseconds to fill a batch with the contacts of concurrent requests. */
    private static final int LINGER_MS = 5;

    private final KafkaProducer<String, byte[]> producer;
    private final ChannelMetrics metrics;
    private final AcknowledgedContacts acknowledged;
    private final SealedRecords sealed;

    /** kafkaConfig: every kafka.* property and KAFKA_* variable, whose bootstrap servers and security settings it connects with. */
    public ContactPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AdapterConfig config,
            ChannelMetrics metrics, Event<Producer<?, ?>> created, SealedRecords sealed) {
        this.metrics = metrics;
        this.sealed = sealed;
        this.acknowledged = new AcknowledgedContacts(config.rememberedContacts());
        int timeoutMs = (int) Math.min(config.publishTimeout().toMillis(), Integer.MAX_VALUE - LINGER_MS);
        this.producer = AcknowledgedProducer.create(kafkaConfig, "ascolto-adapter", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                // Kafka reports every record's outcome within this time, so no timer of our own is needed per request
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + LINGER_MS));
        // Quarkus' Micrometer Kafka binder binds the producer's metrics, as it binds those of its channels' clients
        created.fire(producer);
    }

    public Uni<Void> publish(CitizenContact contact) {
        return publishAll(List.of(contact));
    }

    /**
     * As {@link #publish}, for a request that names itself with an idempotency key: the same key with another body is
     * refused with {@link IdempotencyKeyReusedException} (while this instance remembers the key's first contact).
     */
    public Uni<Void> publishIdempotent(CitizenContact contact) {
        if (acknowledged.conflicts(ContactText.clean(contact))) {
            throw new IdempotencyKeyReusedException();
        }
        return publish(contact);
    }

    /**
     * Publishes the contacts of one request, their text cleaned ({@link ContactText}); fails with
     * {@link InvalidContactException} at once when one does not satisfy the contract, so that nothing the pipeline would
     * drop is ever accepted, and with {@link PublishFailedException} unless Kafka acknowledges all. A contact Kafka
     * already acknowledged with the same content is counted as a duplicate and not sent again. The keys of the
     * request's new citizens are created together ({@link SealedRecords#prepareContacts}) before each contact is sealed.
     */
    public Uni<Void> publishAll(List<CitizenContact> contacts) {
        List<CitizenContact> clean = AcceptableContacts.cleaned(contacts);
        Uni<Void> acknowledged = Uni.createFrom()
                .completionStage(() -> {
                    sealed.prepareContacts(clean);
                    return CompletableFuture.allOf(clean.stream().map(this::publishOnce).toArray(CompletableFuture[]::new));
                })
                .onFailure().transform(e -> new PublishFailedException("Kafka did not acknowledge the contact: " + e.getMessage(), e))
                .replaceWithVoid();
        // KafkaProducer.send blocks while it waits for the topic's metadata or for buffer space: never on an event loop
        return Context.isOnEventLoopThread() ? acknowledged.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : acknowledged;
    }

    private CompletableFuture<Void> publishOnce(CitizenContact contact) {
        metrics.received(contact.channel());
        if (acknowledged.contains(contact)) {
            metrics.duplicate(contact.channel());
            return CompletableFuture.completedFuture(null);
        }
        return send(contact);
    }

    /**
     * Completes when Kafka acknowledged the record, which is then remembered and counted, or with Kafka's error; or at
     * once with the keyring's, when it cannot give the citizen's key.
     */
    private CompletableFuture<Void> send(CitizenContact contact) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CONTACTS, null, contact.citizen().key(),
                sealed.contact(contact),
                TraceContext.continueInto(null, CloudEventHeaders.of(contact.contactId().toString(),
                        "/ascolto/adapters/" + contact.channel(), CitizenContact.EVENT_TYPE, contact.receivedAt(), null)));
        return AcknowledgedProducer.send(producer, record).thenRun(() -> {
            acknowledged.add(contact);
            metrics.published(contact.channel());
        });
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
