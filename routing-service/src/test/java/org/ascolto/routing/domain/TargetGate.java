package org.ascolto.routing.domain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.SmallRyeConfig;

/**
 * Whether a candidate model version may replace the one in service: no target of the may regress on the
 * development split, the tuning set or the blind sets judged together. Alone, one blind set has about seventy messages a
 * language, and one message moves a language's figure by more than a point. {@code ./ascolto retrain} asks it of the
 * candidate it trained, {@code ./ascolto gate VERSION} of a version defined in the service's configuration.
 */
public final class TargetGate {

    /** Less than one message of a hundred: a figure short of its target that moves by less has not regressed. */
    static final double NOISE = 0.005;

    /** One figure with a target, of the version in service and of the candidate, on one split. */
    record Figure(String name, double inService, double candidate, double target, boolean lowerIsBetter) {

        /**
         * The target regresses: the version in service meets it and the candidate does not, or the version in service
         * already misses it and the candidate is further from it. A candidate may trade a figure that keeps its target, as
         * urgent precision for recall.
         */
        boolean regressed() {
            if (meets(inService)) {
                return !meets(candidate);
            }
            return lowerIsBetter ? candidate > inService + NOISE : candidate < inService - NOISE;
        }

        private boolean meets(double value) {
            return lowerIsBetter ? value <= target : value >= target;
        }
    }

    private TargetGate() {
    }

    /** Every figure with a target on one split: macro-F1 overall and per language, urgent recall and precision, calibration. */
    static List<Figure> compare(String split, HeldOutEvaluation inService, HeldOutEvaluation candidate) {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(split + " macro-F1", inService.macroF1(HeldOutEvaluation.all()), candidate.macroF1(HeldOutEvaluation.all()),
                HeldOutEvaluation.MACRO_F1_TARGET, false));
        for (String language : inService.outcomes.stream().map(o -> o.expected().language()).collect(Collectors.toCollection(TreeSet::new))) {
            figures.add(new Figure(split + " macro-F1 " + language, inService.macroF1(HeldOutEvaluation.inLanguage(language)),
                    candidate.macroF1(HeldOutEvaluation.inLanguage(language)), HeldOutEvaluation.LANGUAGE_MACRO_F1_TARGET, false));
        }
        figures.add(new Figure(split + " urgent recall", inService.urgency().recall(), candidate.urgency().recall(),
                HeldOutEvaluation.URGENT_RECALL_TARGET, false));
        figures.add(new Figure(split + " urgent precision", inService.urgency().precision(), candidate.urgency().precision(),
                HeldOutEvaluation.URGENT_PRECISION_TARGET, false));
        figures.add(new Figure(split + " calibration error", inService.calibrationError(), candidate.calibrationError(),
                HeldOutEvaluation.CALIBRATION_ERROR_TARGET, true));
        return figures;
    }

    /**
     * Scores both versions, prints the candidate's evaluations and every figure beside the version in service's and its
     * target to {@code out}, and answers the names of the figures whose target regressed: none, and the candidate may serve.
     */
    static List<String> regressed(ContactClassifier inService, ContactClassifier candidate, Taxonomy taxonomy, PrintStream out) {
        List<Figure> figures = new ArrayList<>();
        for (String split : List.of(HeldOutEvaluation.DEVELOPMENT, HeldOutEvaluation.TUNING)) {
            HeldOutEvaluation scored = new HeldOutEvaluation(candidate, taxonomy, split);
            scored.print(out, candidate.version());
            figures.addAll(compare(split.replaceFirst("^corpus/", "").replaceFirst("\\.jsonl$", ""), new HeldOutEvaluation(inService, taxonomy, split), scored));
        }
        List<HeldOutEvaluation> blindSets = HeldOutEvaluation.blindSets(candidate, taxonomy);
        blindSets.forEach(one -> one.print(out, candidate.version()));
        HeldOutEvaluation blind = HeldOutEvaluation.together(blindSets, taxonomy);
        blind.print(out, candidate.version());
        figures.addAll(compare("blind", HeldOutEvaluation.together(HeldOutEvaluation.blindSets(inService, taxonomy), taxonomy), blind));
        out.printf("%-32s %12s %12s %9s%n", "figure", model(inService), model(candidate), "target");
        figures.forEach(f -> out.printf("%-32s %12.3f %12.3f %6s%.2f%s%n", f.name(), f.inService(), f.candidate(),
                f.lowerIsBetter() ? "<= " : ">= ", f.target(), f.regressed() ? "  regressed" : ""));
        return figures.stream().filter(Figure::regressed).map(Figure::name).toList();
    }

    /** The model version of a classifier's version, without the algorithm's name. */
    private static String model(ContactClassifier classifier) {
        return classifier.version().substring(classifier.version().lastIndexOf('/') + 1);
    }

    /** {@code ./ascolto gate VERSION}: may that version, defined in the service's configuration, replace the one in service? */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ./ascolto gate VERSION   (a model version of the routing service's configuration)");
            System.exit(2);
        }
        SmallRyeConfig inServiceConfig = HeldOutEvaluation.serviceConfig();
        String inService = inServiceConfig.getConfigMapping(RoutingConfig.class).model();
        List<String> regressed = regressed(HeldOutEvaluation.classifier(inServiceConfig),
                HeldOutEvaluation.classifier(HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", args[0]))),
                inServiceConfig.getConfigMapping(Taxonomy.class), System.out);
        if (regressed.isEmpty()) {
            System.out.printf("MAY SERVE %s: no target regresses from %s%n", args[0], inService);
        } else {
            System.out.printf("REFUSED %s: worse than %s on %s%n", args[0], inService, String.join(", ", regressed));
            System.exit(1);
        }
    }
}
