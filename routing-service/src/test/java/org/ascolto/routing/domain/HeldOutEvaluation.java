package org.ascolto.routing.domain;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Trains the classifier as the service does and scores it on a split it never learns from: the development
 * split (the former held-out split, which thresholds and temperature are chosen on), the tuning set (settings are
 * chosen on it) or a blind set (written without sight of the corpus, never tuned on). {@code ./ascolto evaluate}
 * prints them side by side, and the blind sets together: each set's writers have their own ways, which move one set's
 * figures by a point or two, so the pooled figures are the steadiest;
 * {@code --development} prints the development split and the tuning set (which settings are chosen on) without the blind sets.
 */
public final class HeldOutEvaluation {

    static final String DEVELOPMENT = "corpus/heldout.jsonl";
    /**
     * Written without sight of the corpus, never trained or tuned on: the second by another writer, frozen before milan-4
     * was scored; the third by two more, frozen before milan-8 was scored; the fourth and the fifth by two more each,
     * frozen before milan-9 was scored; the sixth by two more, frozen before milan-10 was scored; the seventh by two
     * more, frozen before milan-11 was scored on it.
     */
    static final List<String> BLIND_SETS = List.of("corpus/blind.jsonl", "corpus/blind-2.jsonl", "corpus/blind-3.jsonl",
            "corpus/blind-4.jsonl", "corpus/blind-5.jsonl", "corpus/blind-6.jsonl", "corpus/blind-7.jsonl");
    /**
     * Written from the brief alone by someone who never saw any corpus, to choose models and settings on (milan-5 was
     * chosen on it): never trained on, but no longer blind.
     */
    static final String TUNING = "corpus/tuning.jsonl";
    static final double MACRO_F1_TARGET = 0.92;
    static final double LANGUAGE_MACRO_F1_TARGET = 0.88;
    static final double URGENT_RECALL_TARGET = 0.95;
    static final double URGENT_PRECISION_TARGET = 0.60;
    static final double CALIBRATION_ERROR_TARGET = 0.05;
    /** The threshold is chosen for more than the target on the development split: a margin for messages unlike it. */
    static final double URGENT_RECALL_CHOSEN_FOR = 0.98;
    private static final int CALIBRATION_BINS = 10;

    record Outcome(TrainingExample expected, ContactClassifier.Reading reading, RoutingDecision decision) {
        boolean right() {
            return expected.category().equals(decision.category());
        }
    }

    record Scores(double precision, double recall, double f1) {
        static Scores of(long truePositives, long falsePositives, long falseNegatives) {
            double precision = truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
            double recall = truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new Scores(precision, recall, f1);
        }
    }

    final String split;
    final List<String> categories;
    final List<Outcome> outcomes = new ArrayList<>();

    HeldOutEvaluation(ContactClassifier classifier, Taxonomy taxonomy, String split) {
        this(taxonomy, split);
        add(classifier, read(split));
    }

    /** An evaluation with no outcomes yet: {@link #add} scores examples into it (cross-validation adds each fold's). */
    HeldOutEvaluation(Taxonomy taxonomy, String split) {
        this.split = split;
        categories = new ArrayList<>(new TreeMap<>(taxonomy.areas()).keySet());
    }

    /** An evaluation of the same split and categories with no outcomes yet, for a part of its outcomes. */
    HeldOutEvaluation(HeldOutEvaluation whole) {
        split = whole.split;
        categories = whole.categories;
    }

    void add(ContactClassifier classifier, List<TrainingExample> examples) {
        for (TrainingExample example : examples) {
            ContactClassifier.Reading reading = classifier.read(example.text());
            outcomes.add(new Outcome(example, reading, classifier.decide(reading)));
        }
    }

    /** The development split, scored by the model version in service. */
    static HeldOutEvaluation development() {
        SmallRyeConfig config = serviceConfig();
        return new HeldOutEvaluation(classifier(config), config.getConfigMapping(Taxonomy.class), DEVELOPMENT);
    }

    /** The service's configuration (its application.properties and the taxonomy), read without starting Quarkus. */
    static SmallRyeConfig serviceConfig() {
        return serviceConfig(Map.of());
    }

    /** The same with some properties overridden, as an operator would in the environment. */
    static SmallRyeConfig serviceConfig(Map<String, String> overrides) {
        return serviceConfig(Retraining.promoted(Retraining.promotedFile()), overrides);
    }

    /**
     * The service's configuration with the model versions {@code ./ascolto retrain} promoted (above application.properties,
     * below the environment, as the service reads them) and some properties overridden.
     */
    static SmallRyeConfig serviceConfig(Map<String, String> promoted, Map<String, String> overrides) {
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(HeldOutEvaluation.class.getClassLoader().getResource("application.properties"), 250))
                    .withSources(new PropertiesConfigSource(promoted, "promoted", Retraining.PROMOTED_ORDINAL))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 500))
                    .withMapping(RoutingConfig.class)
                    .withMapping(Taxonomy.class)
                    .build();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classifier as the service trains it from that configuration. */
    static ContactClassifier classifier(SmallRyeConfig config) {
        return ContactClassifier.of(config.getConfigMapping(RoutingConfig.class), config.getConfigMapping(Taxonomy.class));
    }

    static List<TrainingExample> read(String split) {
        try (InputStream in = HeldOutEvaluation.class.getClassLoader().getResourceAsStream(split)) {
            return TrainingExample.readJsonLines(in);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The development messages alone: what the benchmarks classify. */
    public static List<String> heldOutTexts() {
        return read(DEVELOPMENT).stream().map(TrainingExample::text).toList();
    }

    /**
     * Precision, recall and F1 of each category that occurs in the scope (expected or decided), counted in one pass over
     * the outcomes: the gate asks it of 2,000 resamples.
     */
    private Map<String, Scores> categoryScores(Predicate<Outcome> among) {
        Map<String, long[]> counts = new HashMap<>(); // true positives, false positives, false negatives
        for (Outcome outcome : outcomes) {
            if (among.test(outcome)) {
                String expected = outcome.expected.category();
                String decided = outcome.decision.category();
                if (expected.equals(decided)) {
                    counts.computeIfAbsent(expected, category -> new long[3])[0]++;
                } else {
                    counts.computeIfAbsent(decided, category -> new long[3])[1]++;
                    counts.computeIfAbsent(expected, category -> new long[3])[2]++;
                }
            }
        }
        Map<String, Scores> scores = new HashMap<>();
        counts.forEach((category, count) -> scores.put(category, Scores.of(count[0], count[1], count[2])));
        return scores;
    }

    /** Macro-F1 over the categories that occur in the scope (expected or decided), so a small group is not punished for absent ones. */
    double macroF1(Predicate<Outcome> among) {
        Map<String, Scores> scores = categoryScores(among);
        return categories.stream().filter(scores::containsKey).mapToDouble(category -> scores.get(category).f1()).average().orElse(0);
    }

    Scores urgency() {
        long tp = outcomes.stream().filter(o -> o.expected.urgent() && o.decision.urgent()).count();
        long fp = outcomes.stream().filter(o -> !o.expected.urgent() && o.decision.urgent()).count();
        long fn = outcomes.stream().filter(o -> o.expected.urgent() && !o.decision.urgent()).count();
        return Scores.of(tp, fp, fn);
    }

    /**
     * Expected calibration error of the category confidence: outcomes in ten bins of confidence, each bin's
     * gap between its mean confidence and its accuracy, weighted by its share of the outcomes.
     */
    double calibrationError() {
        return calibrationError(outcome -> outcome.decision.confidence());
    }

    /** The same were the temperature another: the decided category stays, its confidence changes. */
    double calibrationError(double temperature) {
        return calibrationError(outcome -> Arrays.stream(ContactClassifier.calibrated(outcome.reading.categories(), temperature)).max().orElseThrow());
    }

    private double calibrationError(ToDoubleFunction<Outcome> confidenceOf) {
        double[] confidence = new double[CALIBRATION_BINS];
        double[] right = new double[CALIBRATION_BINS];
        int[] count = new int[CALIBRATION_BINS];
        for (Outcome outcome : outcomes) {
            double claimed = confidenceOf.applyAsDouble(outcome);
            int bin = Math.min(CALIBRATION_BINS - 1, (int) (claimed * CALIBRATION_BINS));
            confidence[bin] += claimed;
            right[bin] += outcome.right() ? 1 : 0;
            count[bin]++;
        }
        double error = 0;
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            error += Math.abs(confidence[bin] - right[bin]) / outcomes.size();
        }
        return error;
    }

    /** The temperature that makes the expected categories most likely (least log-loss) on this split. */
    double fittedTemperature(ContactClassifier classifier) {
        double best = 1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double temperature = 0.5; temperature <= 8; temperature *= 1.02) {
            double loss = 0;
            for (Outcome outcome : outcomes) {
                double[] calibrated = ContactClassifier.calibrated(outcome.reading.categories(), temperature);
                int expected = 0;
                while (!classifier.category(expected).equals(outcome.expected.category())) {
                    expected++;
                }
                loss -= Math.log(Math.max(1e-12, calibrated[expected]));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = temperature;
            }
        }
        return best;
    }

    /**
     * The highest urgent-model threshold at which the urgent models alone reach the target recall on this split,
     * rounded down to two decimals. The cues do not count: a message no cue names must still be found by the
     * models, and a split whose urgent messages the cues happen to name would otherwise raise the threshold.
     */
    double recallThreshold(double target) {
        double[] scores = outcomes.stream().filter(o -> o.expected.urgent()).mapToDouble(o -> o.reading.urgent()).sorted().toArray();
        int needed = (int) Math.ceil(target * scores.length);
        return needed == 0 ? 1 : Math.floor(scores[scores.length - needed] * 100) / 100;
    }

    /**
     * Urgent recall and precision on this split were the threshold another: what choosing it trades, with the cues
     * and by the urgent models alone (how much they find of what no cue names).
     */
    void printThresholds(PrintStream out) {
        out.print("urgent threshold -> recall/precision:");
        printThresholds(out, o -> o.reading);
        out.printf("%nthe urgent models alone:           ");
        printThresholds(out, o -> new ContactClassifier.Reading(o.reading.language(), o.reading.terms(), o.reading.categories(),
                o.reading.urgent(), List.of()));
        out.printf("%n%n");
    }

    private void printThresholds(PrintStream out, Function<Outcome, ContactClassifier.Reading> reading) {
        for (double threshold : new double[] {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) {
            Scores scores = urgency(threshold, reading);
            out.printf(" %.2f %.2f/%.2f", threshold, scores.recall(), scores.precision());
        }
    }

    /** Urgent recall and precision on this split were the urgent threshold another, the cues counting. */
    Scores urgency(double threshold) {
        return urgency(threshold, o -> o.reading);
    }

    private Scores urgency(double threshold, Function<Outcome, ContactClassifier.Reading> reading) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (Outcome o : outcomes) {
            boolean urgent = ContactClassifier.urgent(reading.apply(o), threshold);
            tp += urgent && o.expected.urgent() ? 1 : 0;
            fp += urgent && !o.expected.urgent() ? 1 : 0;
            fn += !urgent && o.expected.urgent() ? 1 : 0;
        }
        return Scores.of(tp, fp, fn);
    }

    static Predicate<Outcome> all() {
        return outcome -> true;
    }

    static Predicate<Outcome> inLanguage(String language) {
        return outcome -> language.equals(outcome.expected.language());
    }

    static Predicate<Outcome> onChannel(String channel) {
        return outcome -> channel.equals(outcome.expected.channel());
    }

    /** Macro-F1 and accuracy of each group of outcomes (language, channel), with its size. */
    private String byGroup(Function<Outcome, String> group, Function<String, Predicate<Outcome>> among) {
        Map<String, Long> sizes = new TreeMap<>();
        outcomes.forEach(o -> sizes.merge(String.valueOf(group.apply(o)), 1L, Long::sum));
        StringBuilder line = new StringBuilder();
        sizes.forEach((name, size) -> line.append(String.format(" %s %.3f/%.2f (%d)", name, macroF1(among.apply(name)),
                outcomes.stream().filter(among.apply(name)).filter(Outcome::right).count() / (double) size, size)));
        return line.toString();
    }

    void print(PrintStream out, String version) {
        out.printf("%s: %d messages, classifier %s%n%n", split, outcomes.size(), version);
        out.printf("%-16s %9s %9s %9s %8s%n", "category", "precision", "recall", "F1", "support");
        Map<String, Scores> byCategory = categoryScores(all());
        for (String category : categories) {
            Scores scores = byCategory.getOrDefault(category, Scores.of(0, 0, 0));
            long support = outcomes.stream().filter(o -> o.expected.category().equals(category)).count();
            out.printf("%-16s %9.3f %9.3f %9.3f %8d%n", category, scores.precision(), scores.recall(), scores.f1(), support);
        }
        out.printf("%nmacro-F1 overall  %.3f  (target >= %.2f)%n", macroF1(all()), MACRO_F1_TARGET);
        out.printf("macro-F1/accuracy by language (target >= %.2f each):%s%n", LANGUAGE_MACRO_F1_TARGET,
                byGroup(o -> o.expected.language(), HeldOutEvaluation::inLanguage));
        out.printf("macro-F1/accuracy by channel:%s%n", byGroup(o -> o.expected.channel(), HeldOutEvaluation::onChannel));
        out.printf("language detected right: %.3f%n",
                outcomes.stream().filter(o -> o.expected.language().equals(o.decision.language())).count() / (double) outcomes.size());
        Scores urgent = urgency();
        long urgentCount = outcomes.stream().filter(o -> o.expected.urgent()).count();
        out.printf("urgent (%d): recall %.3f (target >= %.2f)  precision %.3f (target >= %.2f)%n", urgentCount, urgent.recall(),
                URGENT_RECALL_TARGET, urgent.precision(), URGENT_PRECISION_TARGET);
        out.printf("expected calibration error of the confidence: %.3f (target <= %.2f)%n%n", calibrationError(), CALIBRATION_ERROR_TARGET);
        out.println("confusion matrix (rows: expected, columns: decided)");
        out.printf("%-16s", "");
        categories.forEach(category -> out.printf(" %6.6s", category));
        out.println();
        for (String expected : categories) {
            out.printf("%-16s", expected);
            for (String decided : categories) {
                out.printf(" %6d", outcomes.stream()
                        .filter(o -> o.expected.category().equals(expected) && o.decision.category().equals(decided)).count());
            }
            out.println();
        }
        out.println();
    }

    /** Each blind set scored by the classifier, in the order of {@link #BLIND_SETS}. */
    static List<HeldOutEvaluation> blindSets(ContactClassifier classifier, Taxonomy taxonomy) {
        return BLIND_SETS.stream().map(blind -> new HeldOutEvaluation(classifier, taxonomy, blind)).toList();
    }

    /** The blind sets' outcomes together: the steadiest figures, and the ones the gate judges. */
    static HeldOutEvaluation together(List<HeldOutEvaluation> blindSets, Taxonomy taxonomy) {
        HeldOutEvaluation together = new HeldOutEvaluation(taxonomy, "the " + blindSets.size() + " blind sets together");
        blindSets.forEach(one -> together.outcomes.addAll(one.outcomes));
        return together;
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        SmallRyeConfig config = serviceConfig();
        ContactClassifier classifier = classifier(config);
        Taxonomy taxonomy = config.getConfigMapping(Taxonomy.class);
        HeldOutEvaluation development = new HeldOutEvaluation(classifier, taxonomy, DEVELOPMENT);
        development.print(System.out, classifier.version());
        System.out.printf("chosen on the development split: urgent threshold %.2f (recall >= %.2f), temperature %.2f%n",
                development.recallThreshold(URGENT_RECALL_CHOSEN_FOR), URGENT_RECALL_CHOSEN_FOR, development.fittedTemperature(classifier));
        development.printThresholds(System.out);
        if (options.contains("--errors")) {
            development.outcomes.stream()
                    .filter(o -> !o.right() || o.expected.urgent() != o.decision.urgent())
                    .forEach(o -> System.out.printf("%s/%s -> %s/%s %.2f u%.2f %s  %s%n", o.expected.category(), o.expected.urgent(),
                            o.decision.category(), o.decision.urgent(), o.decision.confidence(), o.reading.urgent(), o.decision.reasons(),
                            o.expected.text()));
        }
        new HeldOutEvaluation(classifier, taxonomy, TUNING).print(System.out, classifier.version());
        if (!options.contains("--development")) {
            List<HeldOutEvaluation> blindSets = blindSets(classifier, taxonomy);
            blindSets.forEach(one -> one.print(System.out, classifier.version()));
            together(blindSets, taxonomy).print(System.out, classifier.version());
        }
    }
}
