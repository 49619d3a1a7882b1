package org.ascolto.adapter;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-channel counters every adapter exposes at {@code /q/metrics}:
 * {@code ascolto_adapter_contacts_total{channel, outcome=received|published|duplicate}} counts contacts,
 * {@code ascolto_adapter_rejected_total{channel, status}} counts refused requests.
 */
@ApplicationScoped
public class ChannelMetrics {

    private final MeterRegistry registry;

    public ChannelMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String channel) {
        contacts(channel, "received");
    }

    public void published(String channel) {
        contacts(channel, "published");
    }

    /** A contact already acknowledged by Kafka arrived again and was not published twice. */
    public void duplicate(String channel) {
        contacts(channel, "duplicate");
    }

    public void rejected(String channel, int status) {
        registry.counter("ascolto.adapter.rejected", "channel", channel, "status", Integer.toString(status)).increment();
    }

    private void contacts(String channel, String outcome) {
        registry.counter("ascolto.adapter.contacts", "channel", channel, "outcome", outcome).increment();
    }
}
