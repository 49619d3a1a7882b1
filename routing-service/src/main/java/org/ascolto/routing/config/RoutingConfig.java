package org.ascolto.routing.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How routing decides among the taxonomy's areas: the model version in service, its thresholds, retries. */
@ConfigMapping(prefix = "ascolto.routing")
public interface RoutingConfig {

    /** Where a contact goes when no category is confident enough. */
    @WithDefault("triage")
    String triageQueue();

    /** Below this (calibrated) probability of its best category a contact goes to the triage queue. */
    @WithDefault("0.5")
    double confidenceThreshold();

    /** The model version in service, a key of {@link #models()}: naming an earlier one rolls the model back. */
    String model();

    /** Every model version the service can run, by name; each routed record carries the name of the one in service. */
    Map<String, Model> models();

    /**
     * The folder that keeps the learnt models between starts ({@code ModelStore}): a start that finds its model there
     * loads it instead of learning it. Empty: every start learns.
     */
    Optional<String> modelStore();

    /** How many times a contact whose classification fails is tried before it goes to the DLQ. */
    @WithDefault("3")
    int maxAttempts();

    /** The model version in service, refused at startup when it is not defined. */
    default Model activeModel() {
        Model active = models().get(model());
        if (active == null) {
            throw new IllegalStateException("ascolto.routing.model=" + model() + " is not among ascolto.routing.models: " + models().keySet());
        }
        return active;
    }

    /** One model version: what it learns from and the thresholds chosen for it on the development split. */
    interface Model {

        /** Labelled JSON Lines files (classpath resources or file paths) the classifier learns from at startup. */
        List<String> trainingCorpus();

        /**
         * From this probability of the urgent class on, a contact is urgent: chosen on the development split as
         * the highest that keeps urgent recall >= 0.95, because a missed emergency costs more than a false alarm.
         */
        double urgentThreshold();

        /** Phrases that make a contact urgent whatever the model says (classpath resources or file paths, one a line). */
        Optional<List<String>> urgencyCues();

        /**
         * Softens (above 1) the naive Bayes model's category probabilities before they are averaged: it counts each of
         * a message's many overlapping n-grams as independent evidence, so it is far surer than it is right.
         */
        @WithDefault("1")
        double categoryBayesTemperature();

        /** Softens (above 1) the category probabilities so that they match how often the category is right. */
        @WithDefault("1")
        double temperature();

        /**
         * Whether an Arabic message's terms come with their consonant skeletons, where its Arabizi words (Arabic in Latin
         * letters and digits) meet the same words in Arabic script.
         */
        @WithDefault("false")
        boolean arabizi();
    }
}
