package org.ascolto.routing.domain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import io.smallrye.config.SmallRyeConfig;

/**
 * Whether a candidate model version may replace the one in service: no target of the may regress on the blind
 * sets judged together, where the issue puts its targets, and the only sets nothing was chosen on (a version's settings
 * are chosen on the development split and the tuning set, so they judge it kindly). Alone, one blind set has about seventy
 * messages a language, and one message moves a language's figure by more than a point. {@code ./ascolto retrain} asks it of the
 * candidate it trained, {@code ./ascolto gate VERSION} of a version defined in the service's configuration.
 * <p>
 * Whether a figure is worse is asked of the split's messages, not of one number: both versions' decisions on the same
 * messages are resampled together ({@value #RESAMPLES} times, with replacement, from a fixed seed, so the gate answers
 * the same every time), and the candidate's figure is worse only where it is worse in at least {@value #SURELY_WORSE} of
 * them. A fixed margin cannot tell chance from a change: on the tuning set's ninety messages a language, a few
 * decisions changed either way move a language's figure by points, and its macro-F1 by more than half a point.
 */
public final class TargetGate {

    /** Resamples of a split's messages that judge whether a candidate's figure is worse than the version in service's. */
    static final int RESAMPLES = 2_000;
    /**
     * The share of the resamples in which the candidate's figure must be worse for it to be worse: the 95 % interval of the
     * difference lies wholly on the worse side. Where the candidate only loses messages, three lost are not yet sure, four are.
     */
    static final double SURELY_WORSE = 0.975;
    private static final long SEED = 42;

    /**
     * One figure with a target, of the version in service and of the candidate, on one split, and the share of the split's
     * resamples in which the candidate's figure is the worse.
     */
    record Figure(String name, double inService, double candidate, double target, boolean lowerIsBetter, double worseShare) {

        /**
         * The target regresses: the version in service meets it and the candidate does not, or the version in service
         * already misses it and the candidate is surely further from it. A candidate may trade a figure that keeps its
         * target, as urgent precision for recall.
         */
        boolean regressed() {
            if (meets(inService)) {
                return !meets(candidate);
            }
            return worseShare >= SURELY_WORSE;
        }

        private boolean meets(double value) {
            return lowerIsBetter ? value <= target : value >= target;
        }
    }

    private TargetGate() {
    }

    /** A figure with a target: its name's end, how to read it from an evaluation, its target, and which way is better. */
    private record Measure(String name, ToDoubleFunction<HeldOutEvaluation> of, double target, boolean lowerIsBetter) {

        boolean worse(double candidate, double inService) {
            return lowerIsBetter ? candidate > inService : candidate < inService;
        }
    }

    /**
     * Every figure with a target on one split, both versions having scored the same messages in the same order: macro-F1
     * overall and per language, urgent recall and precision, calibration error; each with the share of the resamples of
     * the split's messages in which the candidate's is worse.
     */
    static List<Figure> compare(String split, HeldOutEvaluation inService, HeldOutEvaluation candidate) {
        int size = inService.outcomes.size();
        if (candidate.outcomes.size() != size) {
            throw new IllegalArgumentException("the two versions scored different messages on " + split);
        }
        List<Measure> measures = measures(inService);
        long[] worse = new long[measures.size()];
        Random random = new Random(SEED);
        for (int resample = 0; resample < RESAMPLES; resample++) {
            HeldOutEvaluation inServiceDrawn = new HeldOutEvaluation(inService);
            HeldOutEvaluation candidateDrawn = new HeldOutEvaluation(candidate);
            for (int drawn = 0; drawn < size; drawn++) {
                int message = random.nextInt(size);
                inServiceDrawn.outcomes.add(inService.outcomes.get(message));
                candidateDrawn.outcomes.add(candidate.outcomes.get(message));
            }
            for (int i = 0; i < measures.size(); i++) {
                Measure measure = measures.get(i);
                worse[i] += measure.worse(measure.of().applyAsDouble(candidateDrawn), measure.of().applyAsDouble(inServiceDrawn)) ? 1 : 0;
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            figures.add(new Figure(split + " " + measure.name(), measure.of().applyAsDouble(inService), measure.of().applyAsDouble(candidate),
                    measure.target(), measure.lowerIsBetter(), (double) worse[i] / RESAMPLES));
        }
        return figures;
    }

    private static List<Measure> measures(HeldOutEvaluation scored) {
        List<Measure> measures = new ArrayList<>();
        measures.add(new Measure("macro-F1", e -> e.macroF1(HeldOutEvaluation.all()), HeldOutEvaluation.MACRO_F1_TARGET, false));
        for (String language : scored.outcomes.stream().map(o -> o.expected().language()).collect(Collectors.toCollection(TreeSet::new))) {
            measures.add(new Measure("macro-F1 " + language, e -> e.macroF1(HeldOutEvaluation.inLanguage(language)),
                    HeldOutEvaluation.LANGUAGE_MACRO_F1_TARGET, false));
        }
        measures.add(new Measure("urgent recall", e -> e.urgency().recall(), HeldOutEvaluation.URGENT_RECALL_TARGET, false));
        measures.add(new Measure("urgent precision", e -> e.urgency().precision(), HeldOutEvaluation.URGENT_PRECISION_TARGET, false));
        measures.add(new Measure("calibration error", HeldOutEvaluation::calibrationError, HeldOutEvaluation.CALIBRATION_ERROR_TARGET, true));
        return measures;
    }

    /**
     * Scores both versions, prints the candidate's evaluations and every figure beside the version in service's and its
     * target to {@code out}, and answers the names of the figures whose target regressed on the blind sets together: none,
     * and the candidate may serve. The development split's and the tuning set's figures are printed beside them, not
     * judged.
     */
    static List<String> regressed(ContactClassifier inService, ContactClassifier candidate, Taxonomy taxonomy, PrintStream out) {
        List<Figure> shown = new ArrayList<>();
        for (String split : List.of(HeldOutEvaluation.DEVELOPMENT, HeldOutEvaluation.TUNING)) {
            HeldOutEvaluation scored = new HeldOutEvaluation(candidate, taxonomy, split);
            scored.print(out, candidate.version());
            shown.addAll(compare(name(split), new HeldOutEvaluation(inService, taxonomy, split), scored));
        }
        List<HeldOutEvaluation> blindSets = HeldOutEvaluation.blindSets(candidate, taxonomy);
        blindSets.forEach(one -> one.print(out, candidate.version()));
        HeldOutEvaluation blind = HeldOutEvaluation.together(blindSets, taxonomy);
        blind.print(out, candidate.version());
        List<Figure> judged = compare("blind", HeldOutEvaluation.together(HeldOutEvaluation.blindSets(inService, taxonomy), taxonomy), blind);
        out.printf("%-32s %12s %12s %9s %7s%n", "figure", model(inService), model(candidate), "target", "worse");
        shown.forEach(f -> print(out, f, ""));
        judged.forEach(f -> print(out, f, f.regressed() ? "  regressed" : "  judged"));
        out.printf("(worse: the share of %,d resamples of the split's messages in which the candidate's figure is the worse; a target"
                + " the version in service misses regresses from %.1f %%; judged: the blind sets together, where the targets are)%n",
                RESAMPLES, 100 * SURELY_WORSE);
        return judged.stream().filter(Figure::regressed).map(Figure::name).toList();
    }

    private static void print(PrintStream out, Figure figure, String verdict) {
        out.printf("%-32s %12.3f %12.3f %6s%.2f %6.1f%%%s%n", figure.name(), figure.inService(), figure.candidate(),
                figure.lowerIsBetter() ? "<= " : ">= ", figure.target(), 100 * figure.worseShare(), verdict);
    }

    /** A split's name without its folder and ending: {@code heldout}, {@code tuning}. */
    private static String name(String split) {
        return split.replaceFirst("^corpus/", "").replaceFirst("\\.jsonl$", "");
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
