package org.ascolto.cases.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.persistence.ThreadingStore;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.KeyringUnavailableException;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.support.kafka.BatchStore;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Persists routed contacts as cases, opened ({@link SealedRecords}), one transaction per polled batch, acknowledged (its
 * offsets committed) only after the transaction commits. No record stops the consumer: one that does not parse, validate
 * or open, has no value, or that the database refuses for its content goes to the DLQ alone, with the reason, and the
 * rest of its batch is stored; one whose citizen was erased is skipped and counted; a keyring that does not answer is
 * waited for, with doubling pauses up to the consumer's longest and readiness DOWN; a
 * database that does not answer is waited for, the batch unacknowledged and readiness DOWN meanwhile ({@link BatchStore}):
 * nothing is lost and nothing needs a restart.
 */
@ApplicationScoped
public class RoutedContactConsumer {

    private static final Logger LOG = Logger.getLogger(RoutedContactConsumer.class);

    private final ThreadingStore threading;
    private final Producer<String, byte[]> producer;
    private final BatchStore store;
    private final DeadLetterCounter deadLetters;
    private final SealedRecords sealed;
    private final IntakeHealth health;
    private final CaseConfig config;

    public RoutedContactConsumer(ThreadingStore threading, Producer<String, byte[]> producer, IntakeHealth health,
            CaseConfig config, DeadLetterCounter deadLetters, DataSource database, SealedRecords sealed) {
        this.threading = threading;
        this.sealed = sealed;
        this.health = health;
        this.config = config;
        this.producer = producer;
        this.store = new BatchStore("routed contacts", config.consumer(), health.waiting(), database,
                RoutedContactConsumer::concurrentChange);
        this.deadLetters = deadLetters;
    }

    @Incoming("routed")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<ReceivedContact> valid = new ArrayList<>(records.count());
        Map<UUID, ConsumerRecord<String, byte[]>> sources = new HashMap<>();
        List<DeadLetter.Rejected> rejected = new ArrayList<>();
        sealed.preload(records);
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.NO_VALUE, "no value: a record without a routed contact"));
                continue;
            }
            try {
                Optional<RoutedContact> opened = openOnceTheKeyringAnswers(record);
                if (opened.isEmpty()) {
                    deadLetters.erased(record);
                    continue;
                }
                RoutedContact routed = opened.get();
                // stored opened: the case database holds the citizen's words, and an erasure redacts them there
                valid.add(new ReceivedContact(routed, EventJson.write(routed), continuedTrace(record)));
                sources.putIfAbsent(routed.contact().contactId(), record);
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("contact %s (trace %s) received", routed.contact().contactId(),
                            TraceContext.traceId(record.headers()).orElse("none"));
                }
            } catch (InvalidEventException e) {
                rejected.add(new DeadLetter.Rejected(record, DeadLetter.Reason.INVALID, e.getMessage()));
            }
        }
        if (!valid.isEmpty()) {
            store.store(valid, threading::record, (contact, why) -> rejected.add(
                    new DeadLetter.Rejected(sources.get(contact.contactId()), DeadLetter.Reason.REFUSED_BY_DATABASE, why)));
        }
        if (!rejected.isEmpty()) {
            LOG.warnf("%d routed contacts sent to the DLQ, first: %s", rejected.size(), rejected.get(0).detail());
            store.untilSent(() -> deadLetters.sendAll(producer, rejected), rejected.size());
        }
    }

    private Optional<RoutedContact> openOnceTheKeyringAnswers(ConsumerRecord<String, byte[]> record) {
        return health.waiting().waitOut(KeyringUnavailableException.class, config.consumer().backoff(), config.consumer().maxBackoff(),
                () -> sealed.openRouted(record.value()));
    }

    /** The traceparent of the case events the contact causes: a span of this service in the contact's trace. */
    private static String continuedTrace(ConsumerRecord<String, byte[]> record) {
        Headers continued = TraceContext.continueInto(record.headers(), new RecordHeaders());
        return CloudEventHeaders.text(continued, TraceContext.TRACEPARENT).orElseThrow();
    }

    /** Whether a failure of this service's own passes: an operator's concurrent change of a case the batch joins. */
    static boolean concurrentChange(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
