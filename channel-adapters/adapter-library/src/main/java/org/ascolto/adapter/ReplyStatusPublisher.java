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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tells what became of replies on {@link Topics#REPLY_STATUSES}, keyed by case id, and returns once Kafka acknowledged
 * all; counted as {@code ascolto_reply_statuses_total{channel, status}}.
 */
@ApplicationScoped
public class ReplyStatusPublisher {

    private static final Logger LOG = Logger.getLogger(ReplyStatusPublisher.class);
    /** The count of a receipt of a message no reply of this adapter became. */
    public static final String UNKNOWN = "unknown";

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final String source;

    public ReplyStatusPublisher(Producer<String, byte[]> producer, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.producer = producer;
        this.registry = registry;
        this.source = "/ascolto/" + application;
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
        statuses.forEach(status -> count(status.channel(), status.status()));
    }

    /**
     * Publishes what a sender already recorded and counted (a send accepted, refused or cut short): a Kafka that does
     * not take it leaves only that, logged, for the sender must go on to the next reply.
     */
    public void tell(List<ReplyStatus> statuses) {
        try {
            publish(statuses);
        } catch (PublishFailedException e) {
            LOG.warnf("%d reply statuses were not told to their cases: %s", statuses.size(), e.getMessage());
        }
    }

    /** Tells these replies' cases one status the sender already recorded: sent, or failed with the provider's code. */
    public void tell(String channel, List<ClaimedReplies.SentReply> replies, String status, int errorCode) {
        tell(replies.stream().map(reply -> ReplyStatus.of(reply.replyId(), reply.caseId(), channel, status, Instant.now(),
                errorCode)).toList());
    }

    /** Counts a receipt that names no reply of this adapter ({@link #UNKNOWN}) or a status published. */
    public void count(String channel, String status) {
        registry.counter("ascolto.reply.statuses", "channel", channel, "status", status).increment();
    }
}
