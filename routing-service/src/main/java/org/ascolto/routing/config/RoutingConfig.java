package org.ascolto.routing.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How routing decides among the taxonomy's areas: thresholds, training data, retries. */
@ConfigMapping(prefix = "ascolto.routing")
public interface RoutingConfig {

    /** Where a contact goes when no category is confident enough. */
    @WithDefault("triage")
    String triageQueue();

    /** Below this probability of its best category a contact goes to the triage queue. */
    @WithDefault("0.5")
    double confidenceThreshold();

    /** From this probability of the urgent class on, a contact is urgent: low, because a missed emergency costs more than a false alarm. */
    @WithDefault("0.2")
    double urgentThreshold();

    /** Labelled JSON Lines files (classpath resources or file paths) the classifier learns from at startup. */
    @WithDefault("corpus/train.jsonl")
    List<String> trainingCorpus();

    /** How many times a contact whose classification fails is tried before it goes to the DLQ. */
    @WithDefault("3")
    int maxAttempts();
}
