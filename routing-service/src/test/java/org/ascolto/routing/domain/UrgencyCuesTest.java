package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.ascolto.routing.config.RoutingConfig;
import org.junit.jupiter.api.Test;

/** Cues are found case- and accent-blind, at word starts in Latin script, anywhere in Arabic and Chinese. */
class UrgencyCuesTest {

    private final UrgencyCues cues = UrgencyCues.of(List.of("aggredit", "odore di gas", "he", "she", "hers", "sanguina", "救命", "ساعدوني"));

    @Test
    void aWordBeginningFindsItsInflectionsWhateverTheCaseAndAccents() {
        assertEquals(List.of("aggredit"), cues.found("Una donna AGGREDITA adesso!"));
        assertEquals(List.of("odore di gas"), cues.found("c'è un forte Odóre di GAS sulle scale"));
        assertEquals(List.of("sanguina"), cues.found("è a terra e sanguinante"));
    }

    @Test
    void aLatinCueInsideAWordIsNoCue() {
        assertEquals(List.of(), cues.found("cittadinanza iure sanguinis, the theme"));
        assertEquals(List.of(), cues.found("riaggredito"));
    }

    @Test
    void overlappingCuesAreAllFoundThroughTheFailureLinks() {
        assertEquals(List.of("she", "he", "hers"), cues.found("ushers, she hers"));
        assertEquals(List.of("打人", "人啊"), UrgencyCues.of(List.of("打人", "人啊", "打架")).found("他打人啊"));
    }

    @Test
    void chineseAndArabicCuesAreFoundInsideUnspacedText() {
        assertEquals(List.of("救命"), cues.found("楼下有人打架救命啊"));
        assertEquals(List.of("ساعدوني"), cues.found("أرجوكمساعدوني الآن"));
    }

    @Test
    void emptyHostileAndHugeTextsAreReadInOnePass() {
        assertEquals(List.of(), cues.found(""));
        assertEquals(List.of(), cues.found("\uD83D\uDEA8\uD800\u0000\uFFFF" + "\u0301".repeat(1000)));
        assertEquals(List.of(), UrgencyCues.none().found("aggredita"));
        String huge = "h".repeat(2_000_000) + " odore di gas";
        List<String> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cues.found(huge));
        assertEquals(List.of("odore di gas"), found);
    }

    @Test
    void theServiceListFindsDangerInEveryLanguageAndLeavesRoutineUrgencyAlone() {
        UrgencyCues service = UrgencyCues.read(HeldOutEvaluation.serviceConfig().getConfigMapping(RoutingConfig.class)
                .activeModel().urgencyCues().orElseThrow());
        for (String danger : List.of("mio marito mi picchia", "a man with a knife outside", "se cayó y no puede levantarse",
                "au secours, il y a le feu", "nu mai avem mâncare de două zile", "walang makain ang mga bata",
                "رجل معه سكين", "有人拿着刀", "mi stanno seguendo da piazza Duomo", "dormo in macchina con i bambini, fa freddissimo",
                "he has a gun", "cant find my son at the park", "il fait -3 et il dort dehors", "o bate acum, se aud țipete",
                "binubugbog niya ang asawa niya", "زوجي يضربني", "我妈摔倒了站不起来", "мене б'є чоловік")) {
            assertTrue(!service.found(danger).isEmpty(), danger);
        }
        for (String routine : List.of("URGENTE: mi serve il certificato di residenza", "emergency lane fine, how do I appeal?",
                "il feu rouge est en panne depuis lundi", "cittadinanza iure sanguinis", "ho perso la carta d'identità",
                "unde arunc gunoiul vechi?", "vecinii fac gălăgie, cui mă plâng?", "在电车站抽烟被罚款了吗？",
                "a che ora apre la biblioteca?")) {
            assertEquals(List.of(), service.found(routine), routine);
        }
    }
}
