package org.ascolto.cases.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ascolto.cases")
public interface CaseConfig {

    /** City prefix of human case references, as in MI-2026-000123. */
    @WithDefault("MI")
    String referencePrefix();

    /** A contact joins a case of the same citizen and category resolved less than this long ago, and reopens it. */
    @WithDefault("P30D")
    Duration rejoinWindow();

    Consumer consumer();

    Outbox outbox();

    interface Consumer {
        /** Attempts at storing a batch when the database fails, before the channel stops (records are kept, never sent to the DLQ). */
        @WithDefault("5")
        int attempts();

        /** Pause before the first retry; it doubles at each attempt. */
        @WithDefault("200ms")
        Duration backoff();
    }

    interface Outbox {
        /** Pause between relay rounds when the outbox is empty. */
        @WithDefault("1s")
        Duration interval();

        /** Case events published per relay round. */
        @WithDefault("500")
        int batchSize();
    }
}
