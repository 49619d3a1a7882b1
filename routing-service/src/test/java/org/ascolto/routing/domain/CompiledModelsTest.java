package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import opennlp.tools.ml.model.MaxentModel;

/** The compiled table answers what OpenNLP's own evaluation of the trained models answers. */
class CompiledModelsTest {

    private static List<TrainingExample> corpus;
    private static CompiledModels models;

    @BeforeAll
    static void train() {
        corpus = TrainingExample.readCorpus(List.of("corpus/train.jsonl"));
        IntFunction<String> category = i -> corpus.get(i).category();
        models = CompiledModels.train(corpus.stream().map(TrainingExample::text).toList(), CompiledModelsTest::words, List.of(
                new CompiledModels.Labelling(category, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(category, CompiledModels.maximumEntropy()),
                new CompiledModels.Labelling(i -> corpus.get(i).urgent() ? "urgent" : "routine", CompiledModels.naiveBayes())));
    }

    /** Lower-cased words and their word pairs. */
    private static void words(String text, LongConsumer sink) {
        String[] words = text.toLowerCase(Locale.ROOT).split("\\P{L}+");
        for (int i = 0; i < words.length; i++) {
            sink.accept(FeatureHash.of(words[i]));
            if (i > 0) {
                sink.accept(FeatureHash.of(words[i - 1] + " " + words[i]));
            }
        }
    }

    @Test
    void probabilitiesAreTheLibrarysOwnOnMessagesNeverSeen() {
        for (TrainingExample example : HeldOutEvaluation.read(HeldOutEvaluation.DEVELOPMENT)) {
            Set<Long> hashes = new LinkedHashSet<>();
            words(example.text(), hashes::add);
            String[] names = hashes.stream().map(FeatureHash::name).toArray(String[]::new);
            double[][] compiled = models.probabilities(models.present(sink -> words(example.text(), sink)));
            for (int m = 0; m < 3; m++) {
                MaxentModel library = models.model(m);
                assertArrayEquals(library.eval(names), compiled[m], 1e-9, "model " + m + " on: " + example.text());
            }
        }
    }

    @Test
    void repeatedAndUnknownFeaturesChangeNothing() {
        String text = "Buongiorno, la TARI è arrivata due volte";
        double[][] once = models.probabilities(models.present(sink -> words(text, sink)));
        double[][] repeated = models.probabilities(models.present(sink -> {
            words(text, sink);
            words(text, sink);
            sink.accept(FeatureHash.of("a word no corpus has: xyzzy"));
        }));
        for (int m = 0; m < 3; m++) {
            assertArrayEquals(once[m], repeated[m], 1e-12);
        }
    }

    @Test
    void marginsArgueForTheOutcomeTheWordIsAbout() {
        int row = models.row(FeatureHash.of("tari"));
        assertTrue(row >= 0, "the corpus knows the word");
        assertTrue(models.margin(new int[] {0, 1}, "taxes", row) > 0);
        assertTrue(models.margin(new int[] {0, 1}, "mobility", row) < 0);
        assertEquals(-1, models.row(FeatureHash.of("a word no corpus has: xyzzy")));
    }
}
