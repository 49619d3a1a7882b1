package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.ascolto.routing.config.RoutingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Regression guard: the classifier keeps the targets on messages it never learnt from. */
class HeldOutTargetsTest {

    private static HeldOutEvaluation evaluation;

    @BeforeAll
    static void evaluate() {
        evaluation = new HeldOutEvaluation(HeldOutEvaluation.serviceConfig());
    }

    @Test
    void noHeldOutMessageIsInTheTrainingCorpus() {
        Set<String> trained = TrainingExample.readCorpus(HeldOutEvaluation.serviceConfig().getConfigMapping(RoutingConfig.class).trainingCorpus()).stream()
                .map(example -> example.text().strip()).collect(Collectors.toSet());
        assertTrue(HeldOutEvaluation.heldOut().stream().noneMatch(example -> trained.contains(example.text().strip())));
    }

    @Test
    void categoryMacroF1IsAtLeast90PercentOverallAndOnItalian() {
        double overall = evaluation.macroF1(HeldOutEvaluation.all());
        double italian = evaluation.macroF1(HeldOutEvaluation.inLanguage("it"));
        assertTrue(overall >= 0.90, "macro-F1 overall " + overall);
        assertTrue(italian >= 0.90, "macro-F1 Italian " + italian);
    }

    @Test
    void urgentContactsAreFoundWithRecall90AndPrecision60() {
        HeldOutEvaluation.Scores urgent = evaluation.urgency();
        assertTrue(urgent.recall() >= 0.90, "urgent recall " + urgent.recall());
        assertTrue(urgent.precision() >= 0.60, "urgent precision " + urgent.precision());
    }

    @Test
    void everyLanguageOfTheCityIsRecognised() {
        long right = evaluation.outcomes.stream().filter(o -> o.expected().language().equals(o.decision().language())).count();
        assertTrue(right >= 0.95 * evaluation.outcomes.size(), right + " of " + evaluation.outcomes.size());
    }
}
