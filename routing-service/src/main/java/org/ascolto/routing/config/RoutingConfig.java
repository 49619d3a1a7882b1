package org.ascolto.routing.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The routing taxonomy and thresholds: a city changes them in configuration, not in code. */
@ConfigMapping(prefix = "ascolto.routing")
public interface RoutingConfig {

    /** Service areas by id. */
    Map<String, Category> categories();

    /** Where a contact goes when no category is confident enough. */
    @WithDefault("triage")
    String triageQueue();

    /** Below this confidence a contact goes to the triage queue. */
    @WithDefault("0.5")
    double confidenceThreshold();

    /** Words and phrases that mean a person needs help now. */
    List<String> urgentTerms();

    interface Category {
        String nameIt();

        String nameEn();

        String queue();

        int slaHours();

        /** SLA of an urgent contact in this area. */
        int urgentSlaHours();

        /** Terms that point to this area (lower case, any language). */
        List<String> keywords();
    }
}
