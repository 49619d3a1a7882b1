package org.ascolto.open311.messaging;


import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventSchema;
import org.ascolto.open311.config.Open311Config;
import org.ascolto.open311.persistence.ServiceRequests;
import org.ascolto.support.kafka.BatchStore;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Follows {@code crm.case-events.v1} as any city system would, and keeps the service requests Open311 shows: one
 * transaction per polled batch, acknowledged after it commits. No record stops it: one that has no value, does not
 * validate, or that the database refuses for its content goes to the DLQ alone, with the reason; a database that does
 * not answer is waited for, readiness DOWN meanwhile ({@link BatchStore}), and the consumer resumes by itself.
 */
@ApplicationScoped
public class CaseEventConsumer {

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
        store.storeRecords(records, value -> EventSchema.CASE_EVENT.read(value, CaseEvent.class), requests::apply, producer,
                deadLetters);
    }
}
