package org.ascolto.routing.messaging;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.routing.domain.Classifier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * Reads contacts a polled batch at a time, classifies them and publishes each routed, under the same
 * key and in the same order. A record that does not parse or validate, or whose classification still
 * fails after the configured attempts, goes to the DLQ with the reason instead, and the partition
 * goes on. The batch is acknowledged, and its offsets committed, only once Kafka has acknowledged
 * every record it produced; if Kafka refuses one, the channel stops unacknowledged and the batch is
 * read again after a restart, so nothing is lost (the case service stores a contact once however
 * often it is routed).
 */
@ApplicationScoped
public class ContactRouter {

    public static final String SOURCE = "/ascolto/routing-service";
    private static final Logger LOG = Logger.getLogger(ContactRouter.class);

    private final Classifier classifier;
    private final Producer<String, byte[]> producer;
    private final int maxAttempts;

    public ContactRouter(Classifier classifier, Producer<String, byte[]> producer, RoutingConfig config) {
        this.classifier = classifier;
        this.producer = producer;
        this.maxAttempts = config.maxAttempts();
    }

    /**
     * Produces the batch's records and returns at once, so that the next batch is classified while
     * Kafka acknowledges this one; the batch is acknowledged when the last of its records is.
     */
    @Incoming("contacts")
    @Blocking
    public CompletionStage<Void> route(Message<List<byte[]>> batch) {
        ConsumerRecords<String, byte[]> records = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElseThrow().getRecords();
        CompletableFuture<?>[] acknowledgements = new CompletableFuture<?>[records.count()];
        int i = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            acknowledgements[i++] = AcknowledgedProducer.send(producer, routedOrDeadLetter(record));
        }
        CompletableFuture.allOf(acknowledgements).whenComplete((sent, failure) -> {
            if (failure == null) {
                batch.ack();
            } else {
                LOG.errorf(failure, "Kafka refused a routed record of a batch of %d: stopping unacknowledged", records.count());
                batch.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    private ProducerRecord<String, byte[]> routedOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        CitizenContact contact;
        try {
            contact = EventSchema.CITIZEN_CONTACT.read(record.value(), CitizenContact.class);
        } catch (RuntimeException e) {
            LOG.warnf("rejecting %s-%d@%d to the DLQ: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return DeadLetter.of(record, e.getMessage());
        }
        RoutingDecision decision;
        try {
            decision = classifyWithRetries(contact);
        } catch (RuntimeException e) {
            LOG.errorf(e, "contact %s failed %d times, to the DLQ", contact.contactId(), maxAttempts);
            return DeadLetter.of(record, "classification failed " + maxAttempts + " times: " + e);
        }
        RoutedContact result = new RoutedContact(contact, decision);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("contact %s (trace %s) routed to %s", contact.contactId(),
                    TraceContext.traceId(record.headers()).orElse("none"), result.routing().queue());
        }
        return new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, record.key(), EventJson.write(result),
                TraceContext.continueInto(record.headers(), CloudEventHeaders.of(contact.contactId().toString(),
                        SOURCE, RoutedContact.EVENT_TYPE, Instant.now(), null)));
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
