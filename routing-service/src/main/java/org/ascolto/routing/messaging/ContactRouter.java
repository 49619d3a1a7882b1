package org.ascolto.routing.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CloudEventHeaders;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.routing.domain.KeywordClassifier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Reads contacts, classifies them and publishes them routed, under the same key. The routed
 * record carries the input's acknowledgement, so the input offset is committed only once the
 * routed record is on Kafka. A record that does not parse or validate is nacked, which sends it
 * to the DLQ with the reason, and the partition goes on.
 */
@ApplicationScoped
public class ContactRouter {

    public static final String SOURCE = "/ascolto/routing-service";
    private static final Logger LOG = Logger.getLogger(ContactRouter.class);

    private final KeywordClassifier classifier;

    public ContactRouter(KeywordClassifier classifier) {
        this.classifier = classifier;
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
        RoutedContact result = new RoutedContact(contact, classifier.classify(contact));
        LOG.debugf("contact %s routed to %s", contact.contactId(), result.routing().queue());
        OutgoingKafkaRecordMetadata<Object> out = OutgoingKafkaRecordMetadata.builder()
                .withKey(in.getKey())
                .withHeaders(CloudEventHeaders.of(contact.contactId().toString(), SOURCE, RoutedContact.EVENT_TYPE,
                        Instant.now(), null))
                .build();
        return message.withPayload(EventJson.write(result)).addMetadata(out);
    }
}
