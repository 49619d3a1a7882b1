package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Arabizi and Arabic script meet on the consonant skeleton of the same word after Lucene's Arabic analysis. */
class ArabiziTest {

    private final TextAnalysis withSkeletons = new TextAnalysis(true);

    @Test
    void digitsAndLetterPairsBecomeTheirLettersAndVowelsFallAwayButTheFirstAndAFinalA() {
        assertEquals("عند", Arabizi.word("3andi"));
        assertEquals("مشكلة", Arabizi.word("mochkila"));
        assertEquals("مشكل", Arabizi.word("mouchkil"));
        assertEquals("خف", Arabizi.word("5ayef"));
        assertEquals("حرق", Arabizi.word("7ri9"));
        assertEquals("شغل", Arabizi.word("shoghl"));
        assertEquals("اله", Arabizi.word("Allah"));
        assertEquals("المدرسة", Arabizi.word("elmadrasa"));
        assertEquals("كف", Arabizi.word("Café"));
    }

    @Test
    void onlyWordsWithALatinLetterAreReadAndNumbersStayOut() {
        assertEquals("عند مشكلة تر", Arabizi.inArabicScript("3andi mochkila, TARI 2024!"));
        assertEquals("", Arabizi.inArabicScript("٢٠٢٤ 2024 عندي مشكلة 🙏"));
    }

    @Test
    void anArabizMessageAndTheSameWordsInArabicScriptShareTheirSkeletons() {
        List<String> latin = withSkeletons.terms("3andi mochkila kbira m3a elmadrasa", "ar");
        List<String> script = withSkeletons.terms("عندي مشكلة كبيرة مع المدرسة", "ar");
        for (String shared : List.of("مشكل", "كبر", "مدرس")) {
            assertTrue(latin.contains(shared), shared + " in " + latin);
            assertTrue(script.contains(shared), shared + " in " + script);
        }
        assertTrue(latin.contains("mochkila"), "the words as written stay: " + latin);
    }

    @Test
    void withoutTheSettingOrInAnotherLanguageNothingIsAdded() {
        TextAnalysis asWritten = new TextAnalysis(false);
        assertEquals(List.of("3andi", "mochkila"), asWritten.terms("3andi mochkila", "ar"));
        assertEquals(asWritten.terms("la multa di mio fratello, 3 giorni", "it"),
                withSkeletons.terms("la multa di mio fratello, 3 giorni", "it"));
    }
}
