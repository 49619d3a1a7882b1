package org.ascolto.email.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.email.domain.SkipReason;

import io.micrometer.core.instrument.MeterRegistry;

/** {@code ascolto_email_skipped_total{mailbox, reason}}: the messages that did not become contacts, and why. */
@ApplicationScoped
public class SkippedMail {

    private final MeterRegistry registry;

    public SkippedMail(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String mailbox, SkipReason reason) {
        registry.counter("ascolto.email.skipped", "mailbox", mailbox, "reason", reason.label()).increment();
    }
}
