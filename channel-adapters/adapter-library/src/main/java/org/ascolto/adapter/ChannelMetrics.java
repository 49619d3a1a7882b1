package org.ascolto.adapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ascolto.support.problem.Problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-channel counters every adapter exposes at {@code /q/metrics}:
 * {@code ascolto_adapter_contacts_total{channel, outcome=received|published|duplicate}} counts contacts,
 * {@code ascolto_adapter_rejected_total{channel, status}} counts refused requests.
 */
@ApplicationScoped
public class ChannelMetrics {

    /** The contact counters of one channel, looked up in the registry once rather than on every contact. */
    private record ContactCounters(Counter received, Counter published, Counter duplicate) {
    }

    private final MeterRegistry registry;
    /** The channel tag of refused requests: the adapter's own, as they are refused before their channel is read. */
    private final String channel;
    private final Map<String, ContactCounters> contacts = new ConcurrentHashMap<>();

    public ChannelMetrics(MeterRegistry registry, AdapterConfig config) {
        this.registry = registry;
        this.channel = config.channel();
    }

    public void received(String channel) {
        contacts(channel).received().increment();
    }

    public void published(String channel) {
        contacts(channel).published().increment();
    }

    /** A contact already acknowledged by Kafka arrived again and was not published twice. */
    public void duplicate(String channel) {
        contacts(channel).duplicate().increment();
    }

    /** A request this adapter refused, with the status of its answer. */
    public void rejected(int status) {
        registry.counter("ascolto.adapter.rejected", "channel", channel, "status", Integer.toString(status)).increment();
    }

    void rejected(@Observes Problem problem) {
        rejected(problem.status());
    }

    private ContactCounters contacts(String channel) {
        return contacts.computeIfAbsent(channel, name -> new ContactCounters(
                contactCounter(name, "received"), contactCounter(name, "published"), contactCounter(name, "duplicate")));
    }

    private Counter contactCounter(String channel, String outcome) {
        return registry.counter("ascolto.adapter.contacts", "channel", channel, "outcome", outcome);
    }
}
