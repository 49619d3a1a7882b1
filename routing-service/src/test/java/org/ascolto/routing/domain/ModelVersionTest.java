package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;
import org.junit.jupiter.api.Test;

/** The model version in service is chosen by configuration, and every decision names it: a rollback is one property. */
class ModelVersionTest {

    private static final String IN_DANGER = "mio marito mi picchia, sono chiusa in bagno con i bambini";

    @Test
    void theVersionInServiceNamesItselfAndGivesTheCuesThatRaisedUrgency() {
        RoutingDecision decision = HeldOutEvaluation.classifier(HeldOutEvaluation.serviceConfig()).classify(IN_DANGER);
        assertEquals(ContactClassifier.ALGORITHM + "/milan-11", decision.classifierVersion());
        assertTrue(decision.urgent());
        assertTrue(decision.reasons().contains("urgent: mi picchia"), decision.reasons().toString());
    }

    @Test
    void theOtherVersionsStaySelectableWithTheirOwnCorpusAndCategoryMix() {
        RoutingConfig milan4 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-4")).getConfigMapping(RoutingConfig.class);
        RoutingConfig milan5 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-5")).getConfigMapping(RoutingConfig.class);
        RoutingConfig milan6 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-6")).getConfigMapping(RoutingConfig.class);
        RoutingConfig milan7 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-7")).getConfigMapping(RoutingConfig.class);
        assertEquals(1, milan4.activeModel().categoryBayesTemperature(), "milan-4 averages naive Bayes as it is");
        assertTrue(milan5.activeModel().categoryBayesTemperature() > 1, "milan-5 softens naive Bayes first");
        assertEquals(milan4.activeModel().trainingCorpus(), milan5.activeModel().trainingCorpus());
        assertEquals(milan5.activeModel().trainingCorpus(), milan6.activeModel().trainingCorpus().subList(0, 3), "milan-6 adds to milan-5's corpus");
        assertEquals(List.of("corpus/dialects.jsonl", "corpus/voices.jsonl"), milan6.activeModel().trainingCorpus().subList(3, 5));
        assertEquals(milan6.activeModel().trainingCorpus(), milan7.activeModel().trainingCorpus().subList(0, 5), "milan-7 adds to milan-6's corpus");
        assertEquals(List.of("corpus/boundaries.jsonl"), milan7.activeModel().trainingCorpus().subList(5, 6));
        RoutingConfig milan8 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-8")).getConfigMapping(RoutingConfig.class);
        assertEquals(milan7.activeModel().trainingCorpus(), milan8.activeModel().trainingCorpus(), "milan-8 learns what milan-7 learns");
        assertEquals(0.01, milan8.activeModel().urgentThreshold(), "with the urgent threshold the house rule chose for it");
        RoutingConfig milan9 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-9")).getConfigMapping(RoutingConfig.class);
        assertEquals(milan7.activeModel().trainingCorpus(), milan9.activeModel().trainingCorpus(), "milan-9 learns what milan-7 learns");
        assertTrue(milan9.activeModel().arabizi() && !milan8.activeModel().arabizi(), "milan-9 alone reads Arabic by consonant skeleton");
        RoutingConfig milan10 = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-10")).getConfigMapping(RoutingConfig.class);
        assertEquals(milan7.activeModel().trainingCorpus(), milan10.activeModel().trainingCorpus().subList(0, 6), "milan-10 adds to milan-7's corpus");
        assertEquals(List.of("corpus/contrasts.jsonl"), milan10.activeModel().trainingCorpus().subList(6, 7));
        assertFalse(milan10.activeModel().arabizi(), "milan-10 reads Arabic as milan-7 does");
        RoutingConfig milan11 = HeldOutEvaluation.serviceConfig().getConfigMapping(RoutingConfig.class);
        assertEquals(milan10.activeModel().trainingCorpus(), milan11.activeModel().trainingCorpus().subList(0, 7), "milan-11 adds to milan-10's corpus");
        assertEquals(List.of("corpus/maghreb-mashreq.jsonl"), milan11.activeModel().trainingCorpus().subList(7, 8));
        assertEquals(0.03, milan11.activeModel().urgentThreshold(), "with the urgent threshold the house rule chose for it");
    }

    @Test
    void namingTheEarlierVersionRollsBackToItsCorpusAndThresholds() {
        ContactClassifier earlier = HeldOutEvaluation.classifier(HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-2")));
        RoutingDecision decision = earlier.classify(IN_DANGER);
        assertEquals(ContactClassifier.ALGORITHM + "/milan-2", decision.classifierVersion());
        assertFalse(decision.reasons().contains("urgent: mi picchia"), "milan-2 has no cues: " + decision.reasons());
    }

    @Test
    void anUndefinedVersionIsRefusedAtStartup() {
        RoutingConfig config = HeldOutEvaluation.serviceConfig(Map.of("ascolto.routing.model", "milan-99")).getConfigMapping(RoutingConfig.class);
        IllegalStateException refused = assertThrows(IllegalStateException.class, config::activeModel);
        assertTrue(refused.getMessage().contains("milan-99"));
    }
}
