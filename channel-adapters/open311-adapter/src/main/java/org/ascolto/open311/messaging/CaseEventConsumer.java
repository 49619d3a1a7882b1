package org.ascolto.open311.messaging;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventSchema;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.open311.config.Open311Config;
import org.ascolto.open311.persistence.ServiceRequests;
import org.ascolto.support.kafka.BatchStore;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Follows {@code crm.case-events.v1} as any city system would, and keeps the service requests Open311 shows: one
 * transaction per polled batch, acknowledged after it commits. No record stops it: one that has no value, does not
 * validate, or that the database refuses for its content goes to the DLQ alone, with the reason; a database that does
 * not answer is waited for, readiness DOWN meanwhile ({@link BatchStore}), and the consumer resumes by itself.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

    private final ServiceRequests requests;
    private final Producer<String, byte[]> producer;
    private final BatchStore store;
    private final DeadLetterCounter deadLetters;

    public CaseEventConsumer(ServiceRequests requests, Producer<String, byte[]> producer, ReadModelHealth health,
            Open311Config config, DeadLetterCounter deadLetters, DataSource database) {
        this.requests = requests;
        this.producer = producer;
        this.store = new BatchStore("case events", config.caseEvents(), health.waiting(), database,
                e -> false);
        this.deadLetters = deadLetters;
    }

    @Incoming("case-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<CaseEvent> events = new ArrayList<>(records.count());
        Map<CaseEvent, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CaseEvent event = EventSchema.CASE_EVENT.read(record.value(), CaseEvent.class);
                events.add(event);
                sources.put(event, record);
            } catch (RuntimeException e) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage()));
            }
        }
        if (!events.isEmpty()) {
            store.store(events, requests::apply, (event, why) -> rejected.add(
                    new DeadLetter.Rejected(sources.get(event), DeadLetter.Reason.REFUSED_BY_DATABASE, why)));
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d case events sent to the DLQ, first: %s", rejected.size(), rejected.get(0).detail());
            store.untilSent(() -> deadLetters.sendAll(producer, rejected), rejected.size());
        }
    }
}
