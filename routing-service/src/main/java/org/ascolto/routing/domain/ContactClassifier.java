package org.ascolto.routing.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

/**
 * Decides a contact's language, service area, urgency and queue. Apache OpenNLP models, learnt at
 * startup from the labelled corpus, read the Lucene terms of the message, their pairs and their
 * character n-grams: the area is the average of a naive Bayes and a maximum-entropy model, the
 * urgency the average of two such models of urgent against routine. The four trained models are
 * compiled into one weight table ({@link CompiledModels}): a message costs one lookup per feature.
 * Thread-safe once built.
 */
public final class ContactClassifier implements Classifier {

    public static final String VERSION = "opennlp-nb-maxent-lucene-compiled-2";
    private static final String URGENT = "urgent";
    private static final String ROUTINE = "routine";
    private static final int CATEGORY_BAYES = 0;
    private static final int CATEGORY_MAXENT = 1;
    private static final int URGENCY_BAYES = 2;
    private static final int URGENCY_MAXENT = 3;
    private static final int[] CATEGORY_MODELS = {CATEGORY_BAYES, CATEGORY_MAXENT};
    private static final int[] URGENCY_MODELS = {URGENCY_BAYES, URGENCY_MAXENT};
    private static final int REASONS_PER_DECISION = 3;
    /** Character n-grams of each term, 2 to 5 long, so typos and unseen inflections still match. */
    private static final int SHORTEST_GRAM = 2;
    private static final int LONGEST_GRAM = 5;
    /** Starts the hash of every n-gram, so that an n-gram never shares a hash with a term. */
    private static final long GRAM = FeatureHash.add(FeatureHash.EMPTY, '#');

    private final RoutingConfig config;
    private final Taxonomy taxonomy;
    private final LanguageDetection languages;
    private final TextAnalysis analysis = new TextAnalysis();
    private final CompiledModels models;

    public ContactClassifier(RoutingConfig config, Taxonomy taxonomy, List<TrainingExample> corpus) {
        this.config = config;
        this.taxonomy = taxonomy;
        this.languages = new LanguageDetection(corpus);
        List<TrainingExample> examples = new ArrayList<>();
        corpus.stream().filter(example -> taxonomy.areas().containsKey(example.category())).forEach(examples::add);
        taxonomy.areas().forEach((id, area) -> area.examples().orElse(List.of())
                .forEach(text -> examples.add(new TrainingExample(text, id, false, null, null))));
        List<String> untrained = taxonomy.areas().keySet().stream()
                .filter(id -> examples.stream().noneMatch(example -> example.category().equals(id))).sorted().toList();
        if (!untrained.isEmpty()) {
            throw new IllegalStateException("categories without training examples: " + untrained
                    + "; add labelled lines to the corpus or examples to their configuration");
        }
        List<String> texts = examples.stream().map(TrainingExample::text).toList();
        IntFunction<String> category = i -> examples.get(i).category();
        IntFunction<String> urgency = i -> examples.get(i).urgent() ? URGENT : ROUTINE;
        models = CompiledModels.train(texts, (text, sink) -> features(text, languages.detect(text), sink), List.of(
                new CompiledModels.Labelling(category, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(category, CompiledModels.maximumEntropy()),
                new CompiledModels.Labelling(urgency, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(urgency, CompiledModels.maximumEntropy())));
    }

    @Override
    public RoutingDecision classify(String text) {
        String language = languages.detect(text);
        List<String> terms = analysis.terms(text, language);
        CompiledModels.Present present = models.present(sink -> features(terms, sink));
        double[][] probabilities = models.probabilities(present);

        double[] categoryProbabilities = average(probabilities, CATEGORY_BAYES, CATEGORY_MAXENT);
        int best = 0;
        for (int i = 1; i < categoryProbabilities.length; i++) {
            if (categoryProbabilities[i] > categoryProbabilities[best]) {
                best = i;
            }
        }
        String categoryId = models.model(CATEGORY_BAYES).getOutcome(best);
        double confidence = categoryProbabilities[best];
        boolean urgent = average(probabilities, URGENCY_BAYES, URGENCY_MAXENT)[models.model(URGENCY_BAYES).getIndex(URGENT)]
                >= config.urgentThreshold();

        List<String> reasons = new ArrayList<>();
        reasons.add("language " + language);
        strongest(terms, CATEGORY_MODELS, categoryId).forEach(term -> reasons.add(categoryId + ": " + term));
        if (urgent) {
            strongest(terms, URGENCY_MODELS, URGENT).forEach(term -> reasons.add("urgent: " + term));
        }
        Taxonomy.Area area = taxonomy.areas().get(categoryId);
        String queue = area.queue();
        if (confidence < config.confidenceThreshold()) {
            queue = config.triageQueue();
            reasons.add("confidence %.2f below %.2f: triage".formatted(confidence, config.confidenceThreshold()));
        }
        return new RoutingDecision(categoryId, confidence, urgent, language, queue,
                urgent ? area.urgentSlaHours() : area.slaHours(), reasons, VERSION);
    }

    /**
     * The probabilities of two models of the same outcomes, averaged, in the first model's outcome order:
     * naive Bayes does well with a handful of examples per class, maximum entropy weighs correlated
     * features better.
     */
    private double[] average(double[][] probabilities, int bayes, int maxent) {
        double[] averaged = probabilities[bayes].clone();
        for (int i = 0; i < averaged.length; i++) {
            int same = models.model(maxent).getIndex(models.model(bayes).getOutcome(i));
            averaged[i] = (averaged[i] + probabilities[maxent][same]) / 2;
        }
        return averaged;
    }

    /** The words and word pairs of this message that argued hardest for the outcome, for the operator. */
    private List<String> strongest(List<String> terms, int[] deciding, String outcome) {
        Map<String, Double> margins = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            for (String feature : i == 0 ? List.of(term) : List.of(term, terms.get(i - 1) + " " + term)) {
                int row = models.row(FeatureHash.of(feature));
                double margin = row < 0 ? 0 : models.margin(deciding, outcome, row);
                if (margin > 0) {
                    margins.putIfAbsent(feature, margin);
                }
            }
        }
        return margins.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(REASONS_PER_DECISION).map(Map.Entry::getKey).toList();
    }

    private void features(String text, String language, LongConsumer sink) {
        features(analysis.terms(text, language), sink);
    }

    /** Terms, adjacent term pairs and the terms' character n-grams (of the term between angle brackets). */
    private static void features(List<String> terms, LongConsumer sink) {
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            long hash = FeatureHash.of(term);
            sink.accept(hash);
            if (i > 0) {
                sink.accept(FeatureHash.add(FeatureHash.add(FeatureHash.of(terms.get(i - 1)), ' '), term));
            }
            int length = term.length() + 2;
            for (int start = 0; start + SHORTEST_GRAM <= length; start++) {
                long gram = GRAM;
                for (int end = start; end < Math.min(length, start + LONGEST_GRAM); end++) {
                    gram = FeatureHash.add(gram, bounded(term, end));
                    if (end - start + 1 >= SHORTEST_GRAM) {
                        sink.accept(gram);
                    }
                }
            }
        }
    }

    /** The character at {@code index} of {@code <term>}. */
    private static char bounded(String term, int index) {
        return index == 0 ? '<' : index == term.length() + 1 ? '>' : term.charAt(index - 1);
    }
}
