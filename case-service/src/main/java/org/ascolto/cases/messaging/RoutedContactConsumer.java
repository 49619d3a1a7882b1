package org.ascolto.cases.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.persistence.ThreadingStore;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Persists routed contacts as cases, one transaction per polled batch. The batch is acknowledged, and
 * its offsets committed, only after the transaction commits. Records that do not validate go to the DLQ;
 * a database failure is retried with backoff and, if it persists, stops the channel without
 * acknowledging, so the records are consumed again after a restart instead of being lost.
 */
@ApplicationScoped
public class RoutedContactConsumer {

    private static final Logger LOG = Logger.getLogger(RoutedContactConsumer.class);

    private final ThreadingStore threading;
    private final Producer<String, byte[]> producer;
    private final CaseConfig.Consumer config;

    public RoutedContactConsumer(ThreadingStore threading, Producer<String, byte[]> producer, CaseConfig config) {
        this.threading = threading;
        this.producer = producer;
        this.config = config.consumer();
    }

    @Incoming("routed")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ReceivedContact> valid = new ArrayList<>(records.count());
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                RoutedContact routed = EventSchema.ROUTED_CONTACT.read(record.value(), RoutedContact.class);
                valid.add(new ReceivedContact(routed, record.value(), continuedTrace(record)));
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("contact %s (trace %s) received", routed.contact().contactId(),
                            TraceContext.traceId(record.headers()).orElse("none"));
                }
            } catch (InvalidEventException e) {
                rejected.add(new DeadLetter.Rejected(record, e.getMessage()));
            }
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d routed contacts sent to the DLQ, first: %s", rejected.size(), rejected.get(0).reason());
            DeadLetter.sendAll(producer, rejected);
        }
        if (!valid.isEmpty()) {
            int stored = storeWithRetries(valid);
            LOG.debugf("%d of %d routed contacts stored", stored, valid.size());
        }
    }

    /** The traceparent of the case events the contact causes: a span of this service in the contact's trace. */
    private static String continuedTrace(ConsumerRecord<String, byte[]> record) {
        Headers continued = TraceContext.continueInto(record.headers(), new RecordHeaders());
        return CloudEventHeaders.text(continued, TraceContext.TRACEPARENT).orElseThrow();
    }

    private int storeWithRetries(List<ReceivedContact> batch) {
        Duration pause = config.backoff();
        for (int attempt = 1;; attempt++) {
            try {
                return threading.record(batch);
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    throw e;
                }
                LOG.warnf("storing %d routed contacts failed (attempt %d of %d), retrying in %s: %s",
                        batch.size(), attempt, config.attempts(), pause, e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
    }
}
