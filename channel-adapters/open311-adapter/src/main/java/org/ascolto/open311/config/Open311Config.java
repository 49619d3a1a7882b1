package org.ascolto.open311.config;

import org.ascolto.support.kafka.BatchStore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Open311 GeoReport v2 endpoint this adapter serves for the city. */
@ConfigMapping(prefix = "ascolto.open311")
public interface Open311Config {

    /** The jurisdiction this server answers for; requests naming another one get 404. */
    @WithDefault("comune.milano.it")
    String jurisdictionId();

    /** Public base URL of the Open311 endpoint, for the discovery document. */
    @WithDefault("http://localhost:8088/open311/v2")
    String baseUrl();

    /** Who civic-app developers write to, for the discovery document. */
    @WithDefault("crm@comune.milano.it")
    String contact();

    /** How the read model waits for its database, and when it gives up on a case event the database refuses. */
    BatchStore.Retry caseEvents();
}
