package org.ascolto.routing.domain;

import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * The language of a short message, among the languages Milan's citizens write in, as an ISO 639-1
 * code. First a naive Bayes model of character n-grams, learnt with OpenNLP from the corpus's
 * language labels and compiled ({@link CompiledModels}): it knows the city's own register and costs a
 * few microseconds. When it is not sure, Lingua decides: a detector trained on far more text, and
 * about twenty times slower. Lingua runs in low-accuracy mode (trigram models only): about 7 MB of
 * heap and a second to load instead of about 180 MB and 20 s, and as accurate on the held-out split.
 */
public final class LanguageDetection {

    public static final String UNDETERMINED = "und";
    /** Below this probability of its best language, the corpus model leaves the decision to Lingua. */
    static final double SURE = 0.95;
    private static final int LONGEST_GRAM = 3;

    private final LanguageDetector lingua = LanguageDetectorBuilder
            .fromLanguages(Language.ITALIAN, Language.ENGLISH, Language.SPANISH, Language.FRENCH,
                    Language.ARABIC, Language.CHINESE, Language.ROMANIAN, Language.TAGALOG)
            .withPreloadedLanguageModels()
            .withLowAccuracyMode()
            .build();
    private final CompiledModels corpusModel;
    private final String key;
    private final String origin;

    /** Learns the corpus model from the examples' language labels, or loads it from the store. */
    LanguageDetection(List<TrainingExample> corpus, ModelStore store) {
        List<TrainingExample> labelled = corpus.stream().filter(example -> example.language() != null).toList();
        ModelStore.Key key = new ModelStore.Key("languages");
        labelled.forEach(example -> key.add(example.text()).add(example.language()));
        this.key = key.name();
        ModelStore.Table table = store.table(this.key, () -> CompiledModels.train(labelled.stream().map(TrainingExample::text).toList(),
                LanguageDetection::grams, List.of(new CompiledModels.Labelling(i -> labelled.get(i).language(), CompiledModels.naiveBayes()))));
        corpusModel = table.models();
        origin = table.origin();
    }

    /** The key of the corpus model in the store: the tables learnt with this detection name it in theirs. */
    String key() {
        return key;
    }

    /** Whether the corpus model was learnt or loaded. */
    String origin() {
        return origin;
    }

    public String detect(String text) {
        double[] probabilities = corpusModel.probabilities(corpusModel.present(sink -> grams(text, sink)))[0];
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        if (probabilities[best] >= SURE) {
            return corpusModel.outcome(0, best);
        }
        Language language = lingua.detectLanguageOf(text);
        return language == Language.UNKNOWN ? UNDETERMINED : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    /** Character n-grams, 1 to 3 long, of the lower-cased text between spaces. */
    private static void grams(String text, LongConsumer sink) {
        String padded = " " + text.toLowerCase(Locale.ROOT) + " ";
        for (int start = 0; start < padded.length(); start++) {
            long gram = FeatureHash.EMPTY;
            for (int end = start; end < Math.min(padded.length(), start + LONGEST_GRAM); end++) {
                gram = FeatureHash.add(gram, padded.charAt(end));
                sink.accept(gram);
            }
        }
    }
}
