package org.ascolto.adapter;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells what became of the adapter's replies on {@link Topics#REPLY_STATUSES}, keyed by case id, and returns once Kafka
 * acknowledged all; counted as {@code ascolto_<channel>_reply_statuses_total{status}}.
 */
@ApplicationScoped
public class ReplyStatusPublisher {

    private static final Logger LOG = Logger.getLogger(ReplyStatusPublisher.class);

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final String channel;
    private final String source;

    public ReplyStatusPublisher(Producer<String, byte[]> producer, MeterRegistry registry, AdapterConfig config) {
        this.producer = producer;
        this.registry = registry;
        this.channel = config.channel();
        this.source = "/ascolto/" + channel + "-adapter";
    }

    /** Blocks until Kafka acknowledged every status, or fails with {@link PublishFailedException}. */
    public void publish(List<ReplyStatus> statuses) {
        CompletableFuture<?>[] acknowledged = statuses.stream().map(status -> AcknowledgedProducer.send(producer,
                new ProducerRecord<>(Topics.REPLY_STATUSES, null, status.caseId().toString(), EventJson.write(status),
                        CloudEventHeaders.of(status.statusId().toString(), source, ReplyStatus.EVENT_TYPE, status.occurredAt(),
                                status.caseId().toString())))).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(acknowledged).get();
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge a reply status: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing reply statuses", e);
        }
        statuses.forEach(status -> count(status.status()));
    }

    /**
     * Tells the cases what the adapter already recorded of these replies (sent, or failed with the provider's code): a
     * Kafka that does not take it leaves only that record and a warning.
     */
    public void tell(List<ClaimedReplies.SentReply> replies, String status, int errorCode) {
        try {
            publish(replies.stream().map(reply -> ReplyStatus.of(reply.replyId(), reply.caseId(), channel, status, Instant.now(),
                    errorCode)).toList());
        } catch (PublishFailedException e) {
            LOG.warnf("%d replies %s, not told to their cases: %s", replies.size(), status, e.getMessage());
        }
    }

    /** Counts a status by name ({@code unknown}: a receipt of a message no reply became). */
    public void count(String status) {
        registry.counter("ascolto." + channel + ".reply.statuses", "status", status).increment();
    }
}
