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
 * startup from the labelled corpus of the model version in service, read the Lucene terms of the message,
 * their pairs and their character n-grams: the area is the average of a naive Bayes model (softened first by the
 * version's category-bayes-temperature: it is far surer than it is right) and a maximum-entropy model, softened by
 * the version's temperature so that a confidence of 0.8 is right about 8 times in 10;
 * the urgency is the average of two such models of urgent against routine, with a threshold chosen for
 * recall, or any of the version's {@link UrgencyCues}. The four trained models are compiled into one weight
 * table ({@link CompiledModels}): a message costs one lookup per feature. The service keeps its tables in a
 * {@link ModelStore}, so that a start after the first loads them. Thread-safe once built.
 */
public final class ContactClassifier implements Classifier {

    /** How models are learnt and read; the decision names it with the model version in service. */
    public static final String ALGORITHM = "opennlp-nb-maxent-lucene-compiled-3";
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

    /** What the models make of a message before any threshold: category probabilities in {@link #category(int)} order. */
    record Reading(String language, List<String> terms, double[] categories, double urgent, List<String> cues) {
    }

    private final RoutingConfig config;
    private final RoutingConfig.Model model;
    private final String version;
    private final Taxonomy taxonomy;
    private final LanguageDetection languages;
    private final TextAnalysis analysis;
    private final UrgencyCues cues;
    private final CompiledModels models;
    private final String origin;

    /**
     * The model version in service ({@code ascolto.routing.model}), with its corpus and cues: loaded from the
     * {@link ModelStore} the configuration names when it holds it, else learnt and stored there.
     */
    public static ContactClassifier of(RoutingConfig config, Taxonomy taxonomy) {
        return new ContactClassifier(config, taxonomy, TrainingExample.readCorpus(config.activeModel().trainingCorpus()),
                ModelStore.in(config.modelStore()));
    }

    /** Learns the model version in service from this corpus. */
    public ContactClassifier(RoutingConfig config, Taxonomy taxonomy, List<TrainingExample> corpus) {
        this(config, taxonomy, corpus, ModelStore.none());
    }

    private ContactClassifier(RoutingConfig config, Taxonomy taxonomy, List<TrainingExample> corpus, ModelStore store) {
        this.config = config;
        this.model = config.activeModel();
        this.version = ALGORITHM + "/" + config.model();
        this.taxonomy = taxonomy;
        this.languages = new LanguageDetection(corpus, store);
        this.analysis = new TextAnalysis(model.arabizi());
        this.cues = model.urgencyCues().map(UrgencyCues::read).orElseGet(UrgencyCues::none);
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
        ModelStore.Key key = new ModelStore.Key("areas and urgency").add(languages.key()).add(String.valueOf(model.arabizi()));
        examples.forEach(example -> key.add(example.text()).add(example.category()).add(String.valueOf(example.urgent())));
        ModelStore.Table table = store.table(key.name(), () -> CompiledModels.train(texts, (text, sink) -> features(text, languages.detect(text), sink), List.of(
                new CompiledModels.Labelling(category, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(category, CompiledModels.maximumEntropy()),
                new CompiledModels.Labelling(urgency, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(urgency, CompiledModels.maximumEntropy()))));
        models = table.models();
        origin = table.origin() + " (" + examples.size() + " examples); languages " + languages.origin();
    }

    /** The algorithm and the model version in service, as every decision carries it. */
    public String version() {
        return version;
    }

    /** Whether the models were learnt at construction or loaded from the store, and from how many examples. */
    public String origin() {
        return origin;
    }

    @Override
    public RoutingDecision classify(String text) {
        return decide(read(text));
    }

    /** The decision the version's thresholds and calibration make of a reading. */
    RoutingDecision decide(Reading reading) {
        double[] categoryProbabilities = calibrated(reading.categories(), model.temperature());
        int best = 0;
        for (int i = 1; i < categoryProbabilities.length; i++) {
            if (categoryProbabilities[i] > categoryProbabilities[best]) {
                best = i;
            }
        }
        String categoryId = category(best);
        double confidence = categoryProbabilities[best];
        boolean urgentByModel = reading.urgent() >= model.urgentThreshold();
        boolean urgent = urgent(reading, model.urgentThreshold());

        List<String> reasons = new ArrayList<>();
        reasons.add("language " + reading.language());
        strongest(reading.terms(), CATEGORY_MODELS, categoryId).forEach(term -> reasons.add(categoryId + ": " + term));
        reading.cues().forEach(cue -> reasons.add("urgent: " + cue));
        if (urgentByModel) {
            strongest(reading.terms(), URGENCY_MODELS, URGENT).forEach(term -> reasons.add("urgent: " + term));
        }
        Taxonomy.Area area = taxonomy.areas().get(categoryId);
        String queue = area.queue();
        if (confidence < config.confidenceThreshold()) {
            queue = config.triageQueue();
            reasons.add("confidence %.2f below %.2f: triage".formatted(confidence, config.confidenceThreshold()));
        }
        return new RoutingDecision(categoryId, confidence, urgent, reading.language(), queue,
                urgent ? area.urgentSlaHours() : area.slaHours(), reasons, version);
    }

    /** Urgent: a cue found, or the urgency models at the threshold or above. */
    static boolean urgent(Reading reading, double threshold) {
        return reading.urgent() >= threshold || !reading.cues().isEmpty();
    }

    /** The models' raw view of a message, which {@link #decide} turns into a decision with the version's thresholds. */
    Reading read(String text) {
        String language = languages.detect(text);
        List<String> terms = analysis.terms(text, language);
        double[][] probabilities = models.probabilities(models.present(sink -> features(terms, sink)));
        double urgent = average(probabilities, URGENCY_BAYES, URGENCY_MAXENT)[models.index(URGENCY_BAYES, URGENT)];
        probabilities[CATEGORY_BAYES] = calibrated(probabilities[CATEGORY_BAYES], model.categoryBayesTemperature());
        return new Reading(language, terms, average(probabilities, CATEGORY_BAYES, CATEGORY_MAXENT), urgent, cues.found(text));
    }

    /** The category of the i-th probability of a {@link Reading}. */
    String category(int index) {
        return models.outcome(CATEGORY_BAYES, index);
    }

    /**
     * Temperature scaling: each probability raised to 1/T and normalised again. The ranking stays, so the
     * decided category does not change; only how sure it claims to be.
     */
    static double[] calibrated(double[] probabilities, double temperature) {
        if (temperature == 1) {
            return probabilities;
        }
        double[] scaled = new double[probabilities.length];
        double sum = 0;
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = Math.pow(probabilities[i], 1 / temperature);
            sum += scaled[i];
        }
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] /= sum;
        }
        return scaled;
    }

    /**
     * The probabilities of two models of the same outcomes, averaged, in the first model's outcome order:
     * naive Bayes does well with a handful of examples per class, maximum entropy weighs correlated
     * features better.
     */
    private double[] average(double[][] probabilities, int bayes, int maxent) {
        double[] averaged = probabilities[bayes].clone();
        for (int i = 0; i < averaged.length; i++) {
            int same = models.index(maxent, models.outcome(bayes, i));
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
