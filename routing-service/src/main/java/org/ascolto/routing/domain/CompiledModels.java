package org.ascolto.routing.domain;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * OpenNLP models trained on the same examples, compiled into one weight table for fast evaluation.
 * Naive Bayes and maximum entropy are both log-linear: an outcome's log-probability is a bias plus
 * one weight for each feature present, less a normalising constant. Each trained model is asked once
 * for its answer to no features (the bias) and once for each single feature of the vocabulary (bias
 * plus that feature's weights, up to a constant that normalisation cancels). Evaluating a message is
 * then one probe of an open-addressing table per feature and one pass over the rows found: the
 * library's own probabilities (CompiledModelsTest holds them equal) without its per-call bookkeeping.
 * Features are {@link FeatureHash}es. The table is all a message's evaluation needs, so it is what {@link ModelStore}
 * keeps on disk. Thread-safe.
 */
final class CompiledModels {

    /** A feature extractor: emits the hashes of a text's features, in any order, repeats allowed. */
    interface Extractor {
        void features(String text, LongConsumer sink);
    }

    /** How to label the i-th training text, and with which OpenNLP algorithm to learn it. */
    record Labelling(IntFunction<String> label, TrainingParameters parameters) {
    }

    /** The rows of one message's known features, each once. */
    record Present(int[] rows) {
    }

    /** The library's trained models, before they are compiled, and the features they know. */
    record Learnt(List<MaxentModel> models, Set<Long> vocabulary) {
    }

    private static final int NONE = -1;
    private static final double MAXENT_L2_COST = 3.0;
    /** The first bytes of a compiled table's file, with the version of its layout. */
    private static final String FORMAT = "ascolto compiled models 1";

    /** Each model's outcomes, in the model's order. */
    private final String[][] outcomes;
    private final long[] slotHash;
    private final int[] slotRow;
    private final int mask;
    private final int width;
    private final int[] firstColumn;
    private final double[] bias;
    private final double[] weights;

    private CompiledModels(String[][] outcomes, long[] slotHash, int[] slotRow, double[] bias, double[] weights) {
        this.outcomes = outcomes;
        this.slotHash = slotHash;
        this.slotRow = slotRow;
        this.mask = slotHash.length - 1;
        this.bias = bias;
        this.weights = weights;
        firstColumn = new int[outcomes.length];
        int columns = 0;
        for (int m = 0; m < outcomes.length; m++) {
            firstColumn[m] = columns;
            columns += outcomes[m].length;
        }
        width = columns;
    }

    /** Asks each model once for its answer to no feature (the bias) and once for each feature alone (its weights). */
    private void fill(List<MaxentModel> models, Set<Long> vocabulary) {
        for (int m = 0; m < models.size(); m++) {
            double[] none = models.get(m).eval(new String[0]);
            for (int o = 0; o < none.length; o++) {
                bias[firstColumn[m] + o] = Math.log(none[o]);
            }
        }
        int row = 0;
        for (long hash : vocabulary) {
            int slot = slot(hash);
            slotHash[slot] = hash;
            slotRow[slot] = row;
            for (int m = 0; m < models.size(); m++) {
                double[] alone = models.get(m).eval(new String[] {FeatureHash.name(hash)});
                for (int o = 0; o < alone.length; o++) {
                    int column = firstColumn[m] + o;
                    weights[row * width + column] = Math.log(alone[o]) - bias[column];
                }
            }
            row++;
        }
    }

    /** OpenNLP's naive Bayes: does well with a handful of examples per outcome. */
    static TrainingParameters naiveBayes() {
        TrainingParameters bayes = new TrainingParameters();
        bayes.put(TrainingParameters.ALGORITHM_PARAM, "NAIVEBAYES");
        bayes.put(TrainingParameters.CUTOFF_PARAM, 1);
        return bayes;
    }

    /** OpenNLP's maximum entropy (quasi-Newton, L2-regularised): weighs correlated features better. */
    static TrainingParameters maximumEntropy() {
        TrainingParameters maxent = new TrainingParameters();
        maxent.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT_QN");
        maxent.put(TrainingParameters.CUTOFF_PARAM, 1);
        maxent.put(TrainingParameters.ITERATIONS_PARAM, 300);
        maxent.put("L2Cost", MAXENT_L2_COST);
        return maxent;
    }

    private static String[] outcomes(MaxentModel model) {
        String[] names = new String[model.getNumOutcomes()];
        Arrays.setAll(names, model::getOutcome);
        return names;
    }

    /** Trains one model per labelling of the examples' texts and compiles them together. */
    static CompiledModels train(List<String> texts, Extractor extractor, List<Labelling> labellings) {
        return compile(learn(texts, extractor, labellings));
    }

    /** The trained models' table: a row per feature of the vocabulary, in a hash table twice its size or more. */
    static CompiledModels compile(Learnt learnt) {
        String[][] outcomes = learnt.models().stream().map(CompiledModels::outcomes).toArray(String[][]::new);
        int width = Arrays.stream(outcomes).mapToInt(names -> names.length).sum();
        int features = learnt.vocabulary().size();
        int[] slotRow = new int[Integer.highestOneBit(Math.max(2, features) * 2) * 2];
        Arrays.fill(slotRow, NONE);
        CompiledModels table = new CompiledModels(outcomes, new long[slotRow.length], slotRow, new double[width], new double[features * width]);
        table.fill(learnt.models(), learnt.vocabulary());
        return table;
    }

    /** Trains one model per labelling of the examples' texts. */
    static Learnt learn(List<String> texts, Extractor extractor, List<Labelling> labellings) {
        List<String[]> features = new ArrayList<>();
        // one name per feature, however many texts have it: the examples' names are most of training's memory otherwise
        Map<Long, String> vocabulary = new LinkedHashMap<>();
        for (String text : texts) {
            Set<Long> ofText = new LinkedHashSet<>();
            extractor.features(text, ofText::add);
            features.add(ofText.stream().map(hash -> vocabulary.computeIfAbsent(hash, FeatureHash::name)).toArray(String[]::new));
        }
        List<MaxentModel> trained = new ArrayList<>();
        for (Labelling labelling : labellings) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                events.add(new Event(labelling.label().apply(i), features.get(i)));
            }
            try {
                trained.add(TrainerFactory.getEventTrainer(labelling.parameters(), null)
                        .train(ObjectStreamUtils.createObjectStream(events)));
            } catch (IOException e) {
                throw new UncheckedIOException("training failed", e);
            }
        }
        return new Learnt(trained, vocabulary.keySet());
    }

    /** Writes the table to {@code file}, which {@link #read} reads back as it was. */
    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeUTF(FORMAT);
            out.writeInt(outcomes.length);
            for (String[] names : outcomes) {
                out.writeInt(names.length);
                for (String name : names) {
                    out.writeUTF(name);
                }
            }
            out.writeInt(slotHash.length);
            for (int slot = 0; slot < slotHash.length; slot++) {
                out.writeLong(slotHash[slot]);
                out.writeInt(slotRow[slot]);
            }
            out.writeInt(weights.length);
            for (double value : bias) {
                out.writeDouble(value);
            }
            for (double value : weights) {
                out.writeDouble(value);
            }
        }
    }

    /**
     * The table {@link #write} wrote; an {@link IOException} when the file is not one. The file is mapped and its
     * weights copied in bulk: read value by value through a stream, milan-10's table took 0.7 s of a cold JVM's start.
     */
    static CompiledModels read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), file);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException(file + " ends before its table does", e);
        }
    }

    private static CompiledModels read(ByteBuffer table, Path file) throws IOException {
        if (!FORMAT.equals(utf(table))) {
            throw new IOException(file + " is not a compiled table of this layout");
        }
        String[][] outcomes = new String[count(table, file)][];
        int width = 0;
        for (int m = 0; m < outcomes.length; m++) {
            outcomes[m] = new String[count(table, file)];
            for (int o = 0; o < outcomes[m].length; o++) {
                outcomes[m][o] = utf(table);
            }
            width += outcomes[m].length;
        }
        int slots = count(table, file);
        if (Integer.bitCount(slots) != 1) {
            throw new IOException(file + " holds " + slots + " slots, not a power of two");
        }
        long[] slotHash = new long[slots];
        int[] slotRow = new int[slots];
        for (int slot = 0; slot < slots; slot++) {
            slotHash[slot] = table.getLong();
            slotRow[slot] = table.getInt();
        }
        double[] bias = new double[width];
        double[] weights = new double[count(table, file)];
        if (width == 0 || weights.length % width != 0) {
            throw new IOException(file + " holds " + weights.length + " weights, not rows of " + width);
        }
        if (table.remaining() > (long) (bias.length + weights.length) * Double.BYTES) {
            throw new IOException(file + " goes on after its table");
        }
        table.asDoubleBuffer().get(bias).get(weights);
        int rows = weights.length / width;
        if (Arrays.stream(slotRow).anyMatch(row -> row != NONE && (row < 0 || row >= rows))) {
            throw new IOException(file + " points outside its " + rows + " rows");
        }
        return new CompiledModels(outcomes, slotHash, slotRow, bias, weights);
    }

    /** A string as {@link DataOutputStream#writeUTF} wrote it: its length in two bytes, then its bytes. */
    private static String utf(ByteBuffer table) throws IOException {
        byte[] written = new byte[Short.BYTES + Short.toUnsignedInt(table.getShort(table.position()))];
        table.get(written);
        return new DataInputStream(new ByteArrayInputStream(written)).readUTF();
    }

    /** A count the file gives, refused when it could not fit in the file: a damaged file must not exhaust the heap. */
    private static int count(ByteBuffer table, Path file) throws IOException {
        int count = table.getInt();
        if (count < 0 || count > table.capacity()) {
            throw new IOException(file + " gives a count of " + count + " in " + table.capacity() + " bytes");
        }
        return count;
    }

    /** The known features among those {@code extraction} emits. */
    Present present(Consumer<LongConsumer> extraction) {
        Lookup lookup = new Lookup();
        extraction.accept(lookup);
        return new Present(Arrays.copyOf(lookup.rows, lookup.count));
    }

    /** The row of a feature, or -1 when the vocabulary does not know it. */
    int row(long hash) {
        return slotRow[slot(hash)];
    }

    private int slot(long hash) {
        // the multiplier spreads FNV's weak low bits over the slot index
        int slot = (int) ((hash * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (slotRow[slot] != NONE && slotHash[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Collects rows, each once: a row's first sighting claims it in a small set of its own. */
    private final class Lookup implements LongConsumer {

        private int[] rows = new int[128];
        private int[] seen = new int[256];
        private int count;

        @Override
        public void accept(long hash) {
            int row = row(hash);
            if (row == NONE || !firstSighting(row)) {
                return;
            }
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
        }

        private boolean firstSighting(int row) {
            if (count * 2 >= seen.length) {
                int[] before = seen;
                seen = new int[before.length * 2];
                for (int i = 0; i < count; i++) {
                    claim(rows[i]);
                }
            }
            return claim(row);
        }

        /** Stores row + 1 (0 marks an empty place); false when it was there already. */
        private boolean claim(int row) {
            int place = (row * 0x9E3779B9 >>> 8) & (seen.length - 1);
            while (seen[place] != 0) {
                if (seen[place] == row + 1) {
                    return false;
                }
                place = (place + 1) & (seen.length - 1);
            }
            seen[place] = row + 1;
            return true;
        }
    }

    /** The outcome probabilities of each model, in that model's outcome order. */
    double[][] probabilities(Present present) {
        double[] scores = bias.clone();
        for (int row : present.rows()) {
            int offset = row * width;
            for (int column = 0; column < width; column++) {
                scores[column] += weights[offset + column];
            }
        }
        double[][] probabilities = new double[outcomes.length][];
        for (int m = 0; m < outcomes.length; m++) {
            probabilities[m] = softmax(scores, firstColumn[m], outcomes[m].length);
        }
        return probabilities;
    }

    private static double[] softmax(double[] scores, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < count; o++) {
            max = Math.max(max, scores[from + o]);
        }
        double[] probabilities = new double[count];
        double sum = 0;
        for (int o = 0; o < count; o++) {
            probabilities[o] = Math.exp(scores[from + o] - max);
            sum += probabilities[o];
        }
        for (int o = 0; o < count; o++) {
            probabilities[o] /= sum;
        }
        return probabilities;
    }

    /**
     * How much more a feature raises this outcome than the strongest other outcome, summed over the
     * given models: positive when the feature argues for the outcome.
     */
    double margin(int[] deciding, String outcome, int row) {
        double margin = 0;
        for (int model : deciding) {
            int first = row * width + firstColumn[model];
            int index = index(model, outcome);
            double strongestOther = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outcomes[model].length; o++) {
                if (o != index) {
                    strongestOther = Math.max(strongestOther, weights[first + o]);
                }
            }
            margin += weights[first + index] - strongestOther;
        }
        return margin;
    }

    /** The {@code index}-th outcome of a model. */
    String outcome(int model, int index) {
        return outcomes[model][index];
    }

    /** Where a model has this outcome, or -1 when it has not. */
    int index(int model, String outcome) {
        return Arrays.asList(outcomes[model]).indexOf(outcome);
    }
}
