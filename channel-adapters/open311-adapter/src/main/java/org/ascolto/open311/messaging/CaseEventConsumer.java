package org.ascolto.open311.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.open311.persistence.ServiceRequests;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Follows {@code crm.case-events.v1} as any city system would, and keeps the service requests Open311 shows: one
 * transaction per polled batch, acknowledged after it commits. Records that do not validate go to the DLQ.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

    private final ServiceRequests requests;
    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;

    public CaseEventConsumer(ServiceRequests requests, Producer<String, byte[]> producer, DeadLetterCounter deadLetters) {
        this.requests = requests;
        this.producer = producer;
        this.deadLetters = deadLetters;
    }

    @Incoming("case-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<CaseEvent> events = new ArrayList<>(records.count());
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(EventSchema.CASE_EVENT.read(record.value(), CaseEvent.class));
            } catch (InvalidEventException e) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage()));
            }
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d case events sent to the DLQ, first: %s", rejected.size(), rejected.get(0).detail());
            deadLetters.sendAll(producer, rejected);
        }
        if (!events.isEmpty()) {
            requests.apply(events);
        }
    }
}
