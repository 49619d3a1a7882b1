package org.ascolto.routing.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a message into the terms of its language with Lucene's analyzers: stop words out, elisions
 * split, words stemmed, Chinese in overlapping bigrams. Lucene has no Tagalog analyzer: Tagalog and
 * undetermined text are only tokenized and lower-cased. A model version may add an Arabic message's consonant
 * skeletons ({@link Arabizi}), where its Arabizi words meet the same words in Arabic script. Analyzers are thread-safe.
 */
public final class TextAnalysis {

    private static final String ARABIC = "ar";

    private final Map<String, Analyzer> analyzers = Map.of(
            "it", new ItalianAnalyzer(),
            "en", new EnglishAnalyzer(),
            "es", new SpanishAnalyzer(),
            "fr", new FrenchAnalyzer(),
            "ro", new RomanianAnalyzer(),
            "ar", new ArabicAnalyzer(),
            "zh", new CJKAnalyzer());
    private final Analyzer tokensOnly = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final boolean arabizi;

    /** {@code arabizi}: an Arabic message's terms come with their consonant skeletons, its Latin-letter words' too. */
    public TextAnalysis(boolean arabizi) {
        this.arabizi = arabizi;
    }

    public List<String> terms(String text, String language) {
        List<String> terms = new ArrayList<>();
        analyse(text, language, terms);
        if (arabizi && ARABIC.equals(language)) {
            List<String> skeletons = new ArrayList<>();
            for (String term : terms) {
                String skeleton = Arabizi.skeleton(term);
                if (!skeleton.equals(term)) {
                    skeletons.add(skeleton);
                }
            }
            List<String> fromLatin = new ArrayList<>();
            analyse(Arabizi.inArabicScript(text), ARABIC, fromLatin);
            fromLatin.forEach(term -> skeletons.add(Arabizi.skeleton(term)));
            skeletons.stream().filter(skeleton -> skeleton.length() > 1).forEach(terms::add);
        }
        return terms;
    }

    private void analyse(String text, String language, List<String> terms) {
        try (TokenStream stream = analyzers.getOrDefault(language, tokensOnly).tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Lucene cannot read a string", e);
        }
    }
}
