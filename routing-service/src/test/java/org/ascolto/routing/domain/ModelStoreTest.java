package org.ascolto.routing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start after the first loads the models it learnt, and only those: anything its training read changes the key. */
class ModelStoreTest {

    private static ContactClassifier milan2(Path store, Map<String, String> more) {
        Map<String, String> overrides = new HashMap<>(more);
        overrides.put("ascolto.routing.model", "milan-2");
        overrides.put("ascolto.routing.model-store", store.toString());
        return HeldOutEvaluation.classifier(HeldOutEvaluation.serviceConfig(overrides));
    }

    private static List<Path> stored(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(file -> file.toString().endsWith(".models")).sorted().toList();
        }
    }

    @Test
    void aSecondStartLoadsWhatTheFirstLearntAndDecidesExactlyAsIt(@TempDir Path store) throws IOException {
        ContactClassifier first = milan2(store, Map.of());
        assertTrue(first.origin().startsWith("learnt, stored in " + store), first.origin());
        assertTrue(first.origin().contains("languages learnt, stored in " + store), first.origin());
        assertEquals(2, stored(store).size(), "the areas' and urgency's table and the languages'");

        ContactClassifier second = milan2(store, Map.of());
        assertTrue(second.origin().startsWith("loaded from " + store), second.origin());
        assertTrue(second.origin().contains("languages loaded from " + store), second.origin());
        for (String text : HeldOutEvaluation.heldOutTexts()) {
            assertEquals(first.classify(text), second.classify(text), text);
        }

        ContactClassifier recalibrated = milan2(store, Map.of("ascolto.routing.models.milan-2.temperature", "1.7"));
        assertTrue(recalibrated.origin().startsWith("loaded from"), "thresholds and temperatures are applied after the table: " + recalibrated.origin());

        ContactClassifier moreExamples = milan2(store, Map.of("ascolto.taxonomy.other.examples", "vorrei sapere gli orari della biblioteca di quartiere"));
        assertTrue(moreExamples.origin().startsWith("learnt, stored in"), "one example more is another table: " + moreExamples.origin());
        assertTrue(moreExamples.origin().contains("languages loaded from"), "the language labels did not change: " + moreExamples.origin());
        assertEquals(3, stored(store).size());

        ModelStore.in(Optional.of(store.toString())).clear();
        assertEquals(List.of(), stored(store));
        assertTrue(milan2(store, Map.of()).origin().startsWith("learnt"), "after a clear every table is learnt again");
    }

    @Test
    void aDamagedTableIsLearntAgainAndReplaced(@TempDir Path store) throws IOException {
        ModelStore models = ModelStore.in(Optional.of(store.toString()));
        String key = new ModelStore.Key("a test table").add("one").name();
        ModelStore.Table learnt = models.table(key, ModelStoreTest::tiny);
        Path file = stored(store).get(0);
        Files.write(file, new byte[] {0, 7, 'd', 'a', 'm', 'a', 'g', 'e', -1, -1, -1, -1});

        ModelStore.Table again = models.table(key, ModelStoreTest::tiny);
        assertTrue(again.origin().startsWith("learnt, stored in"), again.origin());
        assertTrue(models.table(key, () -> {
            throw new AssertionError("stored again: nothing to learn");
        }).origin().startsWith("loaded from"));
        assertEquals(learnt.models().outcome(0, 0), again.models().outcome(0, 0));
    }

    @Test
    void onlyTheNewestTablesAreKeptAndNoneWithoutAFolder(@TempDir Path store) throws IOException {
        ModelStore models = ModelStore.in(Optional.of(store.toString()));
        for (int i = 0; i <= ModelStore.KEPT; i++) {
            models.table(new ModelStore.Key("a test table").add(String.valueOf(i)).name(), ModelStoreTest::tiny);
        }
        assertEquals(ModelStore.KEPT, stored(store).size());
        assertTrue(ModelStore.in(Optional.of(" ")).table("any", ModelStoreTest::tiny).origin().equals("learnt"));
        assertNotEquals(new ModelStore.Key("a").add("bc").name(), new ModelStore.Key("a").add("b").add("c").name(),
                "parts never run into each other");
    }

    @Test
    void aFolderOthersMayWriteInOrALinkIsNotTrusted(@TempDir Path parent) throws IOException {
        Path shared = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        ModelStore models = ModelStore.in(Optional.of(shared.toString()));
        String key = new ModelStore.Key("a test table").add("planted").name();
        tiny().write(shared.resolve(key + ".models"));
        assertEquals("learnt", models.table(key, ModelStoreTest::tiny).origin(), "what others may have written is not read");
        assertEquals(1, stored(shared).size(), "and nothing is stored there");

        Path own = Files.createDirectory(parent.resolve("own"));
        Path link = Files.createSymbolicLink(parent.resolve("link"), own);
        assertFalse(ModelStore.ownFolder(link), "a link may lead anywhere");
        assertTrue(ModelStore.ownFolder(own));
        Path made = parent.resolve("made/here");
        assertTrue(ModelStore.ownFolder(made), "a missing folder is made the user's alone");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(made));
    }

    private static CompiledModels tiny() {
        List<String> texts = List.of("buca in strada", "multa da pagare", "buca sul marciapiede");
        return CompiledModels.train(texts, (text, sink) -> Stream.of(text.split(" ")).map(FeatureHash::of).forEach(sink::accept),
                List.of(new CompiledModels.Labelling(i -> i == 1 ? "taxes" : "roads", CompiledModels.naiveBayes())));
    }
}
