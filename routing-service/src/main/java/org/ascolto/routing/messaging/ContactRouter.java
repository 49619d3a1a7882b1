package org.ascolto.routing.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CloudEventHeaders;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.TraceContext;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.routing.domain.ContactClassifier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Reads contacts, classifies them and publishes them routed, under the same key. The routed
 * record carries the input's acknowledgement, so the input offset is committed only once the
 * routed record is on Kafka. A record that does not parse or validate, or whose classification
 * still fails after the configured attempts, is nacked, which sends it to the DLQ with the reason,
 * and the partition goes on.
 */
@ApplicationScoped
public class ContactRouter {

    public static final String SOURCE = "/ascolto/routing-service";
    private static final Logger LOG = Logger.getLogger(ContactRouter.class);

    private final ContactClassifier classifier;
    private final int maxAttempts;

    public ContactRouter(ContactClassifier classifier, RoutingConfig config) {
        this.classifier = classifier;
        this.maxAttempts = config.maxAttempts();
    }

    @Incoming("contacts")
    @Outgoing("routed")
    public Message<byte[]> route(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> in = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        CitizenContact contact;
        try {
            contact = EventSchema.CITIZEN_CONTACT.read(message.getPayload(), CitizenContact.class);
        } catch (RuntimeException e) {
            LOG.warnf("rejecting %s-%d@%d to the DLQ: %s", in.getTopic(), in.getPartition(), in.getOffset(), e.getMessage());
            message.nack(e);
            return null;
        }
        RoutingDecision decision;
        try {
            decision = classifyWithRetries(contact);
        } catch (RuntimeException e) {
            LOG.errorf(e, "contact %s failed %d times, to the DLQ", contact.contactId(), maxAttempts);
            message.nack(e);
            return null;
        }
        RoutedContact result = new RoutedContact(contact, decision);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("contact %s (trace %s) routed to %s", contact.contactId(),
                    TraceContext.traceId(in.getHeaders()).orElse("none"), result.routing().queue());
        }
        OutgoingKafkaRecordMetadata<Object> out = OutgoingKafkaRecordMetadata.builder()
                .withKey(in.getKey())
                .withHeaders(TraceContext.continueInto(in.getHeaders(), CloudEventHeaders.of(contact.contactId().toString(),
                        SOURCE, RoutedContact.EVENT_TYPE, Instant.now(), null)))
                .build();
        return message.withPayload(EventJson.write(result)).addMetadata(out);
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
