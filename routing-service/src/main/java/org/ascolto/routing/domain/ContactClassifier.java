package org.ascolto.routing.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;

import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Decides a contact's language, service area, urgency and queue. Apache OpenNLP models, learnt at
 * startup from the labelled corpus, read the Lucene terms of the message, their pairs and their
 * character n-grams: the area is the average of a naive Bayes and a maximum-entropy model, the
 * urgency a naive Bayes model. Thread-safe once built.
 */
public final class ContactClassifier {

    public static final String VERSION = "opennlp-nb-maxent-lucene-lingua-1";
    private static final String URGENT = "urgent";
    private static final String ROUTINE = "routine";
    private static final int REASONS_PER_MODEL = 3;
    /** Character n-grams of each term, 2 to 5 long, so typos and unseen inflections still match. */
    private static final int SHORTEST_GRAM = 2;
    private static final int LONGEST_GRAM = 5;
    private static final String GRAM_MARK = "#";
    private static final double MAXENT_L2_COST = 3.0;

    private final RoutingConfig config;
    private final LanguageDetection languages = new LanguageDetection();
    private final TextAnalysis analysis = new TextAnalysis();
    private final TwoModels category;
    private final TwoModels urgency;

    public ContactClassifier(RoutingConfig config, List<TrainingExample> corpus) {
        this.config = config;
        List<TrainingExample> examples = new ArrayList<>();
        corpus.stream().filter(example -> config.categories().containsKey(example.category())).forEach(examples::add);
        config.categories().forEach((id, area) -> area.examples().orElse(List.of())
                .forEach(text -> examples.add(new TrainingExample(text, id, false, null, null))));
        List<String> untrained = config.categories().keySet().stream()
                .filter(id -> examples.stream().noneMatch(example -> example.category().equals(id))).sorted().toList();
        if (!untrained.isEmpty()) {
            throw new IllegalStateException("categories without training examples: " + untrained
                    + "; add labelled lines to the corpus or examples to their configuration");
        }
        List<String[]> features = examples.stream().map(example -> features(example.text(), languages.detect(example.text()))).toList();
        category = TwoModels.train(examples, features, TrainingExample::category);
        urgency = TwoModels.train(examples, features, example -> example.urgent() ? URGENT : ROUTINE);
    }

    public RoutingDecision classify(String text) {
        String language = languages.detect(text);
        String[] features = features(text, language);
        double[] categoryProbabilities = category.probabilities(features);
        int best = 0;
        for (int i = 1; i < categoryProbabilities.length; i++) {
            if (categoryProbabilities[i] > categoryProbabilities[best]) {
                best = i;
            }
        }
        String categoryId = category.outcome(best);
        double confidence = categoryProbabilities[best];
        boolean urgent = urgency.probabilities(features)[urgency.index(URGENT)] >= config.urgentThreshold();

        List<String> reasons = new ArrayList<>();
        reasons.add("language " + language);
        category.strongest(categoryId, features).forEach(term -> reasons.add(categoryId + ": " + term));
        if (urgent) {
            urgency.strongest(URGENT, features).forEach(term -> reasons.add("urgent: " + term));
        }
        RoutingConfig.Category area = config.categories().get(categoryId);
        String queue = area.queue();
        if (confidence < config.confidenceThreshold()) {
            queue = config.triageQueue();
            reasons.add("confidence %.2f below %.2f: triage".formatted(confidence, config.confidenceThreshold()));
        }
        return new RoutingDecision(categoryId, confidence, urgent, language, queue,
                urgent ? area.urgentSlaHours() : area.slaHours(), reasons, VERSION);
    }

    /** Terms, adjacent term pairs and the terms' character n-grams, in the message's language. */
    private String[] features(String text, String language) {
        List<String> terms = analysis.terms(text, language);
        Set<String> features = new LinkedHashSet<>(terms);
        for (int i = 1; i < terms.size(); i++) {
            features.add(terms.get(i - 1) + " " + terms.get(i));
        }
        for (String term : terms) {
            String bounded = "<" + term + ">";
            for (int length = SHORTEST_GRAM; length <= LONGEST_GRAM; length++) {
                for (int start = 0; start + length <= bounded.length(); start++) {
                    features.add(GRAM_MARK + bounded.substring(start, start + length));
                }
            }
        }
        return features.toArray(String[]::new);
    }

    /**
     * A naive Bayes and a maximum-entropy model of the same outcomes, averaged: naive Bayes does well
     * with a handful of examples per class, maximum entropy weighs correlated features better.
     */
    private record TwoModels(MaxentModel bayes, MaxentModel maxent) {

        static TwoModels train(List<TrainingExample> examples, List<String[]> features, Function<TrainingExample, String> label) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                events.add(new Event(label.apply(examples.get(i)), features.get(i)));
            }
            TrainingParameters bayes = new TrainingParameters();
            bayes.put(TrainingParameters.ALGORITHM_PARAM, "NAIVEBAYES");
            bayes.put(TrainingParameters.CUTOFF_PARAM, 1);
            TrainingParameters maxent = new TrainingParameters();
            maxent.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
            maxent.put(TrainingParameters.CUTOFF_PARAM, 1);
            maxent.put(TrainingParameters.ITERATIONS_PARAM, 300);
            maxent.put("L2Cost", MAXENT_L2_COST);
            return new TwoModels(trainOne(events, bayes), trainOne(events, maxent));
        }

        private static MaxentModel trainOne(List<Event> events, TrainingParameters parameters) {
            try {
                return TrainerFactory.getEventTrainer(parameters, null).train(ObjectStreamUtils.createObjectStream(events));
            } catch (IOException e) {
                throw new UncheckedIOException("training failed", e);
            }
        }

        /** Probabilities in the naive Bayes model's outcome order. */
        double[] probabilities(String[] features) {
            double[] probabilities = bayes.eval(features);
            double[] fromMaxent = maxent.eval(features);
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (probabilities[i] + fromMaxent[maxent.getIndex(bayes.getOutcome(i))]) / 2;
            }
            return probabilities;
        }

        String outcome(int index) {
            return bayes.getOutcome(index);
        }

        int index(String outcome) {
            return bayes.getIndex(outcome);
        }

        /** The words and word pairs of this message that pushed hardest towards the outcome, for the operator. */
        List<String> strongest(String outcome, String[] features) {
            @SuppressWarnings("unchecked")
            Map<String, Context> weights = (Map<String, Context>) ((AbstractModel) maxent).getDataStructures()[1];
            int index = maxent.getIndex(outcome);
            record Weighted(String feature, double weight) {
            }
            List<Weighted> weighted = new ArrayList<>();
            for (String feature : features) {
                Context context = feature.startsWith(GRAM_MARK) ? null : weights.get(feature);
                if (context != null) {
                    int[] outcomes = context.getOutcomes();
                    for (int i = 0; i < outcomes.length; i++) {
                        if (outcomes[i] == index && context.getParameters()[i] > 0) {
                            weighted.add(new Weighted(feature, context.getParameters()[i]));
                        }
                    }
                }
            }
            return weighted.stream().sorted(Comparator.comparingDouble(Weighted::weight).reversed())
                    .limit(REASONS_PER_MODEL).map(Weighted::feature).toList();
        }
    }
}
