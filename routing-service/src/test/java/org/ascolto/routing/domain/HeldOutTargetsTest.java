package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ascolto.routing.config.RoutingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression guard on the development split, which thresholds and temperature are chosen on: the classifier keeps
 * the targets there. The blind set's figures are reported by {@code ./ascolto evaluate}, never tuned against.
 */
class HeldOutTargetsTest {

    private static HeldOutEvaluation evaluation;

    @BeforeAll
    static void evaluate() {
        evaluation = HeldOutEvaluation.development();
    }

    @Test
    void noDevelopmentOrBlindMessageIsInTheTrainingCorpus() {
        Set<String> trained = TrainingExample.readCorpus(HeldOutEvaluation.serviceConfig().getConfigMapping(RoutingConfig.class).activeModel().trainingCorpus()).stream()
                .map(example -> example.text().strip()).collect(Collectors.toSet());
        for (String split : Stream.concat(Stream.of(HeldOutEvaluation.DEVELOPMENT), HeldOutEvaluation.BLIND_SETS.stream()).toList()) {
            assertTrue(HeldOutEvaluation.read(split).stream().noneMatch(example -> trained.contains(example.text().strip())), split);
        }
    }

    @Test
    void categoryMacroF1IsAtLeast90PercentOverallAndOnItalian() {
        double overall = evaluation.macroF1(HeldOutEvaluation.all());
        double italian = evaluation.macroF1(HeldOutEvaluation.inLanguage("it"));
        assertTrue(overall >= 0.90, "macro-F1 overall " + overall);
        assertTrue(italian >= 0.90, "macro-F1 Italian " + italian);
    }

    @Test
    void urgentContactsAreFoundWithRecall95AndPrecision60() {
        HeldOutEvaluation.Scores urgent = evaluation.urgency();
        assertTrue(urgent.recall() >= HeldOutEvaluation.URGENT_RECALL_TARGET, "urgent recall " + urgent.recall());
        assertTrue(urgent.precision() >= HeldOutEvaluation.URGENT_PRECISION_TARGET, "urgent precision " + urgent.precision());
    }

    @Test
    void theConfidenceIsCalibratedWithin5Points() {
        assertTrue(evaluation.calibrationError() <= HeldOutEvaluation.CALIBRATION_ERROR_TARGET, "expected calibration error " + evaluation.calibrationError());
    }

    @Test
    void everyLanguageOfTheCityIsRecognised() {
        long right = evaluation.outcomes.stream().filter(o -> o.expected().language().equals(o.decision().language())).count();
        assertTrue(right >= 0.95 * evaluation.outcomes.size(), right + " of " + evaluation.outcomes.size());
    }
}
