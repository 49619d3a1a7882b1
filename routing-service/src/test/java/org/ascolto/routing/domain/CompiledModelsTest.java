package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import opennlp.tools.ml.model.MaxentModel;

/** The compiled table answers what OpenNLP's own evaluation of the trained models answers. */
class CompiledModelsTest {

    private static List<TrainingExample> corpus;
    private static CompiledModels.Learnt learnt;
    private static CompiledModels models;

    @BeforeAll
    static void train() {
        corpus = TrainingExample.readCorpus(List.of("corpus/train.jsonl"));
        IntFunction<String> category = i -> corpus.get(i).category();
        learnt = CompiledModels.learn(corpus.stream().map(TrainingExample::text).toList(), CompiledModelsTest::words, List.of(
                new CompiledModels.Labelling(category, CompiledModels.naiveBayes()),
                new CompiledModels.Labelling(category, CompiledModels.maximumEntropy()),
                new CompiledModels.Labelling(i -> corpus.get(i).urgent() ? "urgent" : "routine", CompiledModels.naiveBayes())));
        models = CompiledModels.compile(learnt);
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
                MaxentModel library = learnt.models().get(m);
                assertArrayEquals(library.eval(names), compiled[m], 1e-9, "model " + m + " on: " + example.text());
                for (int o = 0; o < library.getNumOutcomes(); o++) {
                    assertEquals(library.getOutcome(o), models.outcome(m, o));
                    assertEquals(o, models.index(m, library.getOutcome(o)));
                }
            }
        }
    }

    @Test
    void aTableReadBackFromItsFileAnswersExactlyAsItDid(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("table.models");
        models.write(file);
        CompiledModels read = CompiledModels.read(file);
        for (TrainingExample example : HeldOutEvaluation.read(HeldOutEvaluation.DEVELOPMENT)) {
            double[][] written = models.probabilities(models.present(sink -> words(example.text(), sink)));
            double[][] readBack = read.probabilities(read.present(sink -> words(example.text(), sink)));
            for (int m = 0; m < 3; m++) {
                assertArrayEquals(written[m], readBack[m], 0, example.text());
            }
        }
        int row = read.row(FeatureHash.of("tari"));
        assertEquals(models.row(FeatureHash.of("tari")), row);
        assertEquals(models.margin(new int[] {0, 1}, "taxes", row), read.margin(new int[] {0, 1}, "taxes", row));
        assertEquals(-1, read.index(2, "a label no model has"));
    }

    @Test
    void aTruncatedOrForeignFileIsRefused(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("table.models");
        models.write(file);
        byte[] whole = Files.readAllBytes(file);
        for (int length : new int[] {10, whole.length / 2, whole.length - 3, whole.length + 1, whole.length + Double.BYTES}) {
            Files.write(file, Arrays.copyOf(whole, length));
            assertThrows(IOException.class, () -> CompiledModels.read(file), length + " of " + whole.length + " bytes");
        }
        Files.writeString(file, "\0\u0005hello\u0000\u00ff not a table");
        assertThrows(IOException.class, () -> CompiledModels.read(file));
        Files.write(file, new byte[0]);
        assertThrows(IOException.class, () -> CompiledModels.read(file));
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
