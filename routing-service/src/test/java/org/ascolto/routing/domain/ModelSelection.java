package org.ascolto.routing.domain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.SmallRyeConfig;

/**
 * How milan-5's settings were chosen, without the blind sets: each candidate (a model version of the configuration,
 * with some of its settings overridden) is trained on its whole corpus and scored on the development split and the
 * tuning set, and cross-validated over its corpus: each of five folds (a fifth of every language) scored by the
 * candidate trained on the other four. The temperature that fits the folds' predictions best is the calibration
 * chosen on data the predicting model never saw; the urgent threshold is the rule's over all three (milan-8's). Run:
 * {@code java -cp <test classpath> org.ascolto.routing.domain.ModelSelection milan-4 milan-5 'milan-4 category-bayes-temperature=20'}.
 */
public final class ModelSelection {

    static final int FOLDS = 5;

    private ModelSelection() {
    }

    /** The configuration of a candidate: {@code version [setting=value ...]}, the settings of that version overridden. */
    static SmallRyeConfig candidate(String description) {
        String[] words = description.trim().split("\\s+");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("ascolto.routing.model", words[0]);
        for (String setting : Arrays.copyOfRange(words, 1, words.length)) {
            String[] nameAndValue = setting.split("=", 2);
            overrides.put("ascolto.routing.models." + words[0] + "." + nameAndValue[0], nameAndValue[1]);
        }
        return HeldOutEvaluation.serviceConfig(Map.of(), overrides);
    }

    /** The fold of each example: within each language, the examples in a fixed pseudo-random order dealt out in turn. */
    static int[] folds(List<TrainingExample> corpus) {
        int[] fold = new int[corpus.size()];
        Map<String, List<Integer>> byLanguage = new TreeMap<>();
        IntStream.range(0, corpus.size()).forEach(i -> byLanguage.computeIfAbsent(String.valueOf(corpus.get(i).language()),
                language -> new ArrayList<>()).add(i));
        for (List<Integer> indexes : byLanguage.values()) {
            indexes.sort(Comparator.comparingLong(i -> FeatureHash.of(corpus.get(i).text())));
            for (int position = 0; position < indexes.size(); position++) {
                fold[indexes.get(position)] = position % FOLDS;
            }
        }
        return fold;
    }

    /** Each example of the candidate's corpus scored by the candidate trained on the folds it is not in. */
    static HeldOutEvaluation crossValidation(SmallRyeConfig config) {
        RoutingConfig routing = config.getConfigMapping(RoutingConfig.class);
        Taxonomy taxonomy = config.getConfigMapping(Taxonomy.class);
        List<TrainingExample> corpus = TrainingExample.readCorpus(routing.activeModel().trainingCorpus());
        int[] fold = folds(corpus);
        HeldOutEvaluation evaluation = new HeldOutEvaluation(taxonomy, "cross-validation");
        List<String> categoryOrder = null;
        for (int f = 0; f < FOLDS; f++) {
            int held = f;
            List<TrainingExample> training = IntStream.range(0, corpus.size()).filter(i -> fold[i] != held).mapToObj(corpus::get).toList();
            List<TrainingExample> scored = IntStream.range(0, corpus.size()).filter(i -> fold[i] == held).mapToObj(corpus::get).toList();
            ContactClassifier classifier = new ContactClassifier(routing, taxonomy, training);
            List<String> order = IntStream.range(0, taxonomy.areas().size()).mapToObj(classifier::category).toList();
            if (categoryOrder != null && !categoryOrder.equals(order)) {
                throw new IllegalStateException("the folds' models order the categories differently: " + categoryOrder + " " + order);
            }
            categoryOrder = order;
            evaluation.add(classifier, scored);
        }
        return evaluation;
    }

    /** One line: macro-F1 overall and by language, urgent recall and precision, calibration error, the best temperature. */
    static void summary(PrintStream out, String candidate, HeldOutEvaluation evaluation, ContactClassifier classifier) {
        String languages = evaluation.outcomes.stream().map(o -> o.expected().language()).collect(Collectors.toCollection(TreeSet::new))
                .stream().map(language -> "%s %.3f".formatted(language, evaluation.macroF1(HeldOutEvaluation.inLanguage(language))))
                .collect(Collectors.joining(" "));
        HeldOutEvaluation.Scores urgent = evaluation.urgency();
        out.printf("%-40s %-20s n=%4d  macro-F1 %.3f | %s | urgent %.3f/%.3f | ECE %.3f | best T %.2f%n", candidate, evaluation.split,
                evaluation.outcomes.size(), evaluation.macroF1(HeldOutEvaluation.all()), languages, urgent.recall(), urgent.precision(),
                evaluation.calibrationError(), evaluation.fittedTemperature(classifier));
    }

    /**
     * The temperature fitted on each half of the set (alternate messages in a fixed pseudo-random order) and the
     * calibration error it gives on the other: what fitting the temperature there is worth on messages it was not fitted on.
     */
    static void calibrationAcrossHalves(PrintStream out, String candidate, HeldOutEvaluation evaluation, ContactClassifier classifier) {
        List<HeldOutEvaluation> halves = List.of(new HeldOutEvaluation(evaluation), new HeldOutEvaluation(evaluation));
        evaluation.outcomes.forEach(o -> halves.get((int) (FeatureHash.of(o.expected().text()) & 1)).outcomes.add(o));
        double first = halves.get(0).fittedTemperature(classifier);
        double second = halves.get(1).fittedTemperature(classifier);
        out.printf("%-40s %-20s temperature fitted on one half -> ECE on the other: %.2f -> %.3f, %.2f -> %.3f%n", candidate,
                evaluation.split, first, halves.get(1).calibrationError(first), second, halves.get(0).calibrationError(second));
    }

    /**
     * The temperature whose worst calibration error over these evaluations is least: one temperature has to serve
     * messages like the corpus (development split, cross-validation) and unlike it (the tuning set).
     */
    static double leastWorstTemperature(PrintStream out, String candidate, List<HeldOutEvaluation> evaluations) {
        double best = 1;
        double bestWorst = Double.POSITIVE_INFINITY;
        for (double temperature = 0.60; temperature <= 2.001; temperature += 0.05) {
            double at = temperature;
            double worst = evaluations.stream().mapToDouble(evaluation -> evaluation.calibrationError(at)).max().orElseThrow();
            if (worst < bestWorst) {
                bestWorst = worst;
                best = temperature;
            }
        }
        double chosen = best;
        out.printf("%-40s temperature %.2f: calibration error at most %.3f (%s)%n", candidate, chosen, bestWorst, evaluations.stream()
                .map(evaluation -> "%s %.3f".formatted(evaluation.split, evaluation.calibrationError(chosen))).collect(Collectors.joining(", ")));
        return chosen;
    }

    /**
     * The urgent threshold by the house rule: the highest at which the urgent models alone find
     * {@link HeldOutEvaluation#URGENT_RECALL_CHOSEN_FOR} of the urgent messages of every one of these evaluations. The
     * development split alone holds 33 urgent messages, too few for its one-in-fifty quantile to say where a
     * new version's urgent probabilities fall; the tuning set (written by another hand) and the cross-validation
     * (thousands of messages, each scored by a model that never saw it) each have to agree.
     */
    static void urgentThreshold(PrintStream out, String candidate, List<HeldOutEvaluation> evaluations) {
        Map<String, Double> each = new LinkedHashMap<>();
        evaluations.forEach(evaluation -> each.put(evaluation.split, evaluation.recallThreshold(HeldOutEvaluation.URGENT_RECALL_CHOSEN_FOR)));
        double chosen = each.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        out.printf("%-40s urgent threshold %.2f by the rule (%s); recall/precision there: %s%n", candidate, chosen,
                each.entrySet().stream().map(split -> "%s %.2f".formatted(split.getKey(), split.getValue())).collect(Collectors.joining(", ")),
                evaluations.stream().map(evaluation -> {
                    HeldOutEvaluation.Scores urgent = evaluation.urgency(chosen);
                    return "%s %.3f/%.3f".formatted(evaluation.split, urgent.recall(), urgent.precision());
                }).collect(Collectors.joining(", ")));
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        for (String description : args) {
            SmallRyeConfig config = candidate(description);
            Taxonomy taxonomy = config.getConfigMapping(Taxonomy.class);
            long start = System.nanoTime();
            ContactClassifier classifier = HeldOutEvaluation.classifier(config);
            out.printf("%s: trained in %d ms%n", description, (System.nanoTime() - start) / 1_000_000);
            HeldOutEvaluation development = new HeldOutEvaluation(classifier, taxonomy, HeldOutEvaluation.DEVELOPMENT);
            summary(out, description, development, classifier);
            HeldOutEvaluation tuning = new HeldOutEvaluation(classifier, taxonomy, HeldOutEvaluation.TUNING);
            summary(out, description, tuning, classifier);
            calibrationAcrossHalves(out, description, tuning, classifier);
            HeldOutEvaluation crossValidation = crossValidation(config);
            summary(out, description, crossValidation, classifier);
            leastWorstTemperature(out, description, List.of(development, tuning, crossValidation));
            urgentThreshold(out, description, List.of(development, tuning, crossValidation));
            out.flush();
        }
    }
}
