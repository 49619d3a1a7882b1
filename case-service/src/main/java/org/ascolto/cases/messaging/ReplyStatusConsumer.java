package org.ascolto.cases.messaging;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.persistence.ReplyStatuses;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.support.kafka.BatchStore;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.reply-statuses.v1} into the replies' histories on the case timeline, a polled batch per transaction
 * (one commit for the lot, not one a status), acknowledged after it commits. No record stops it: one that does not
 * validate, or that the database refuses for its content, goes to the DLQ alone with the reason, and the rest of its
 * batch is recorded; one for a reply the service does not know is counted and left; a database that does not answer is
 * waited for, the batch unacknowledged and readiness DOWN meanwhile ({@link BatchStore}), and the consumer resumes by
 * itself.
 */
@ApplicationScoped
public class ReplyStatusConsumer {

    private static final Logger LOG = Logger.getLogger(ReplyStatusConsumer.class);

    private final ReplyStatuses statuses;
    private final Producer<String, byte[]> producer;
    private final BatchStore store;
    private final DeadLetterCounter deadLetters;
    private final MeterRegistry registry;

    public ReplyStatusConsumer(ReplyStatuses statuses, Producer<String, byte[]> producer, ReplyStatusHealth health,
            CaseConfig config, DeadLetterCounter deadLetters, DataSource database, MeterRegistry registry) {
        this.statuses = statuses;
        this.producer = producer;
        this.store = new BatchStore("reply statuses", config.consumer(), health.waiting(), database, e -> false);
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming("reply-statuses")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        store.storeRecords(records, value -> EventSchema.REPLY_STATUS.read(value, ReplyStatus.class), batch -> {
            List<ReplyStatuses.Outcome> outcomes = statuses.recordAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                count(batch.get(i), outcomes.get(i));
            }
        }, producer, deadLetters);
    }

    private void count(ReplyStatus status, ReplyStatuses.Outcome outcome) {
        if (outcome == ReplyStatuses.Outcome.UNKNOWN_REPLY) {
            LOG.infof("status %s of reply %s left: no such reply of case %s", status.status(), status.replyId(), status.caseId());
        }
        registry.counter("ascolto.cases.reply.statuses", "outcome", outcome.name().toLowerCase()).increment();
    }
}
