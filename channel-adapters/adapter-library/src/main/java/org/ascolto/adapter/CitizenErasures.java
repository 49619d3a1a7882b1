package org.ascolto.adapter;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventSchema;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The records of {@code crm.erasures.v1} an adapter that keeps replies reads: each erases the adapter's rows of the
 * erased cases, is counted in {@code ascolto_erasures_applied_total} and logged by erasure id only; a record that does
 * not validate goes to the DLQ with its reason, so it never stops the consumer.
 */
@ApplicationScoped
public class CitizenErasures {

    private static final Logger LOG = Logger.getLogger(CitizenErasures.class);

    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;
    private final Counter applied;

    public CitizenErasures(Producer<String, byte[]> producer, DeadLetterCounter deadLetters, MeterRegistry registry) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.applied = Counter.builder("ascolto.erasures.applied")
                .description("citizen erasures applied to this service's own rows").register(registry);
    }

    /** Erases, in {@code replies}, what the record's erasure names; a failing database throws, and the record comes again. */
    public void apply(ConsumerRecord<String, byte[]> record, ClaimedReplies replies) {
        deadLetters.readOrSetAside(producer, record, EventSchema.CITIZEN_ERASURE, CitizenErasure.class).ifPresent(erasure -> {
            int redacted = replies.erase(erasure.caseIds());
            applied.increment();
            LOG.infof("erasure %s applied: %d sent replies redacted", erasure.erasureId(), redacted);
        });
    }
}
