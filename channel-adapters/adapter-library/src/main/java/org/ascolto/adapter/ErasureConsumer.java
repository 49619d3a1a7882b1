package org.ascolto.adapter;

import java.time.Duration;


import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventSchema;
import org.ascolto.support.kafka.ConsumerWaiting;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
// messaging's own annotation: Quarkus refuses io.smallrye.common's on a method that is no entrypoint in the adapters
// without messaging, where this class is indexed but not a bean
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * In an adapter that sends replies ({@code ascolto.adapter.sends-replies=true}, with its {@link ClaimedReplies} and
 * an {@code erasures} channel on {@code crm.erasures.v1} in a group of its own): each erasure erases what the adapter
 * recorded of the replies to the erased cases, is counted in {@code ascolto_erasures_applied_total} and logged by
 * erasure id only. A record that does not validate goes to the DLQ with its reason, so it never stops the consumer; a
 * database that fails is waited out, with doubling pauses, readiness ({@link ErasureHealth}) DOWN and
 * {@code ascolto_consumer_waiting{consumer="erasures"}} 1 meanwhile, and the erasure applied once it answers.
 */
@ApplicationScoped
@IfBuildProperty(name = "ascolto.adapter.sends-replies", stringValue = "true")
public class ErasureConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConsumer.class);

    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;
    private final ClaimedReplies replies;
    private final Counter applied;
    private final ConsumerWaiting waiting;

    public ErasureConsumer(Producer<String, byte[]> producer, DeadLetterCounter deadLetters, ClaimedReplies replies,
            MeterRegistry registry, ErasureHealth health) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.replies = replies;
        this.waiting = health.waiting();
        this.applied = Counter.builder("ascolto.erasures.applied")
                .description("citizen erasures applied to this service's own rows").register(registry);
    }

    @Incoming("erasures")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        deadLetters.readOrSetAside(producer, record, EventSchema.CITIZEN_ERASURE, CitizenErasure.class).ifPresent(erasure -> {
            int redacted = waiting.waitOut(IllegalStateException.class, Duration.ofSeconds(1), Duration.ofMinutes(1),
                    () -> replies.erase(erasure.caseIds()));
            applied.increment();
            LOG.infof("erasure %s applied: %d sent replies redacted", erasure.erasureId(), redacted);
        });
    }
}
