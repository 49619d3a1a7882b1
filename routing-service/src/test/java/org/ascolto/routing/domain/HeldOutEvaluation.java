package org.ascolto.routing.domain;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Trains the classifier as the service does and scores it on the held-out split, which it never
 * learns from. {@code ./ascolto evaluate} prints the report.
 */
public final class HeldOutEvaluation {

    static final String HELD_OUT = "corpus/heldout.jsonl";

    record Outcome(TrainingExample expected, RoutingDecision decision) {
    }

    record Scores(double precision, double recall, double f1) {
        static Scores of(long truePositives, long falsePositives, long falseNegatives) {
            double precision = truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
            double recall = truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new Scores(precision, recall, f1);
        }
    }

    final List<String> categories;
    final List<Outcome> outcomes = new ArrayList<>();

    HeldOutEvaluation(SmallRyeConfig config) {
        ContactClassifier classifier = classifier(config);
        categories = new ArrayList<>(new TreeMap<>(config.getConfigMapping(Taxonomy.class).areas()).keySet());
        for (TrainingExample example : heldOut()) {
            outcomes.add(new Outcome(example, classifier.classify(example.text())));
        }
    }

    /** The service's configuration (its application.properties and the taxonomy), read without starting Quarkus. */
    static SmallRyeConfig serviceConfig() {
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .withSources(new PropertiesConfigSource(HeldOutEvaluation.class.getClassLoader().getResource("application.properties"), 250))
                    .withMapping(RoutingConfig.class)
                    .withMapping(Taxonomy.class)
                    .build();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classifier as the service trains it from that configuration. */
    static ContactClassifier classifier(SmallRyeConfig config) {
        RoutingConfig routing = config.getConfigMapping(RoutingConfig.class);
        return new ContactClassifier(routing, config.getConfigMapping(Taxonomy.class), TrainingExample.readCorpus(routing.trainingCorpus()));
    }

    static List<TrainingExample> heldOut() {
        try (InputStream in = HeldOutEvaluation.class.getClassLoader().getResourceAsStream(HELD_OUT)) {
            return TrainingExample.readJsonLines(in);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The held-out messages alone: what the benchmarks classify. */
    public static List<String> heldOutTexts() {
        return heldOut().stream().map(TrainingExample::text).toList();
    }

    Scores category(String category, Predicate<Outcome> among) {
        List<Outcome> scope = outcomes.stream().filter(among).toList();
        long tp = scope.stream().filter(o -> o.expected.category().equals(category) && o.decision.category().equals(category)).count();
        long fp = scope.stream().filter(o -> !o.expected.category().equals(category) && o.decision.category().equals(category)).count();
        long fn = scope.stream().filter(o -> o.expected.category().equals(category) && !o.decision.category().equals(category)).count();
        return Scores.of(tp, fp, fn);
    }

    double macroF1(Predicate<Outcome> among) {
        return categories.stream().mapToDouble(category -> category(category, among).f1()).average().orElse(0);
    }

    Scores urgency() {
        long tp = outcomes.stream().filter(o -> o.expected.urgent() && o.decision.urgent()).count();
        long fp = outcomes.stream().filter(o -> !o.expected.urgent() && o.decision.urgent()).count();
        long fn = outcomes.stream().filter(o -> o.expected.urgent() && !o.decision.urgent()).count();
        return Scores.of(tp, fp, fn);
    }

    static Predicate<Outcome> all() {
        return outcome -> true;
    }

    static Predicate<Outcome> inLanguage(String language) {
        return outcome -> language.equals(outcome.expected.language());
    }

    void print(PrintStream out) {
        out.printf("held-out split: %d messages, classifier %s%n%n", outcomes.size(), ContactClassifier.VERSION);
        out.printf("%-16s %9s %9s %9s %8s%n", "category", "precision", "recall", "F1", "support");
        for (String category : categories) {
            Scores scores = category(category, all());
            long support = outcomes.stream().filter(o -> o.expected.category().equals(category)).count();
            out.printf("%-16s %9.3f %9.3f %9.3f %8d%n", category, scores.precision(), scores.recall(), scores.f1(), support);
        }
        out.printf("%nmacro-F1 overall  %.3f  (target >= 0.90)%n", macroF1(all()));
        out.printf("macro-F1 Italian  %.3f  (target >= 0.90)%n", macroF1(inLanguage("it")));
        Map<String, Long> byLanguage = new TreeMap<>();
        outcomes.forEach(o -> byLanguage.merge(o.expected.language(), 1L, Long::sum));
        out.print("accuracy by language:");
        byLanguage.forEach((language, count) -> out.printf(" %s %.2f (%d)", language,
                outcomes.stream().filter(inLanguage(language)).filter(o -> o.expected.category().equals(o.decision.category())).count()
                        / (double) count, count));
        out.printf("%nlanguage detected right: %.3f%n",
                outcomes.stream().filter(o -> o.expected.language().equals(o.decision.language())).count() / (double) outcomes.size());
        Scores urgent = urgency();
        out.printf("urgent precision %.3f (target >= 0.60)  recall %.3f (target >= 0.90)%n%n", urgent.precision(), urgent.recall());
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
    }

    public static void main(String[] args) {
        HeldOutEvaluation evaluation = new HeldOutEvaluation(serviceConfig());
        evaluation.print(System.out);
        if (args.length > 0 && args[0].equals("--errors")) {
            evaluation.outcomes.stream()
                    .filter(o -> !o.expected.category().equals(o.decision.category()) || o.expected.urgent() != o.decision.urgent())
                    .forEach(o -> System.out.printf("%s/%s -> %s/%s %.2f %s  %s%n", o.expected.category(), o.expected.urgent(),
                            o.decision.category(), o.decision.urgent(), o.decision.confidence(), o.decision.reasons(), o.expected.text()));
        }
    }
}
