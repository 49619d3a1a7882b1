package org.ascolto.cases.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.cases.persistence.ReplyStatuses;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.reply-statuses.v1} into the replies' histories on the case timeline, one record at a time. A record
 * that does not validate goes to the DLQ; one for a reply the service does not know is counted and left; a database that
 * fails stops the channel and the record comes again, held once.
 */
@ApplicationScoped
public class ReplyStatusConsumer {

    private static final Logger LOG = Logger.getLogger(ReplyStatusConsumer.class);

    private final ReplyStatuses statuses;
    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;
    private final MeterRegistry registry;

    public ReplyStatusConsumer(ReplyStatuses statuses, Producer<String, byte[]> producer, DeadLetterCounter deadLetters,
            MeterRegistry registry) {
        this.statuses = statuses;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    @Incoming("reply-statuses")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        deadLetters.readOrSetAside(producer, record, EventSchema.REPLY_STATUS, ReplyStatus.class).ifPresent(status -> {
            ReplyStatuses.Outcome outcome = statuses.record(status);
            if (outcome == ReplyStatuses.Outcome.UNKNOWN_REPLY) {
                LOG.infof("status %s of reply %s left: no such reply of case %s", status.status(), status.replyId(), status.caseId());
            }
            registry.counter("ascolto.cases.reply.statuses", "outcome", outcome.name().toLowerCase()).increment();
        });
    }
}
