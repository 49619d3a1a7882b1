package org.ascolto.cases.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    Open311 open311();

    /** The service areas, by category id: Open311 lists them as services. */
    Map<String, Service> services();

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

    interface Open311 {
        /** The jurisdiction this server answers for; requests naming another one get 404. */
        @WithDefault("comune.milano.it")
        String jurisdictionId();

        /** Public base URL of the Open311 endpoint, for the discovery document. */
        @WithDefault("http://localhost:8086/open311/v2")
        String baseUrl();

        @WithDefault("crm@comune.milano.it")
        String contact();
    }

    interface Service {
        String name();

        Optional<String> description();

        /** Comma-separated keywords. */
        Optional<String> keywords();

        Optional<String> group();
    }
}
