package org.ascolto.routing.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Phrases that make a contact urgent whatever the models say: someone in danger now, without food or shelter,
 * lost, fallen, threatened. They are word beginnings ("aggredit" finds "aggredita" and "aggrediti"), in any of
 * the city's languages, found case- and accent-blind in one pass over the message (an Aho-Corasick automaton):
 * a phrase in Latin script must start a word, one in Arabic or Chinese script may start anywhere, since those
 * scripts join particles to words or write no spaces. Thread-safe.
 */
public final class UrgencyCues {

    /** Lower case without accents for Latin letters: folded once for the first 0x250 code points, looked up after. */
    private static final char[] FOLDED = new char[0x250];

    static {
        for (char c = 0; c < FOLDED.length; c++) {
            String decomposed = Normalizer.normalize(String.valueOf(Character.toLowerCase(c)), Normalizer.Form.NFD);
            FOLDED[c] = decomposed.charAt(0);
        }
    }

    private static final int ROOT = 0;
    private static final int NONE = -1;

    private final List<String> phrases;
    private final int[] phraseLength;
    private final boolean[] startsWord;
    /** Transitions as an open-addressing table from (node, character) to node. */
    private final long[] edgeKey;
    private final int[] edgeTarget;
    private final int edgeMask;
    private final int[] fail;
    /** The phrase that ends at a node, or NONE; and the nearest node on its failure chain that ends one. */
    private final int[] phraseAt;
    private final int[] nextEnding;

    private UrgencyCues(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
        phraseLength = new int[phrases.size()];
        startsWord = new boolean[phrases.size()];
        List<long[]> edges = new ArrayList<>();
        List<Integer> ending = new ArrayList<>(List.of(NONE));
        int totalChars = phrases.stream().mapToInt(String::length).sum();
        int slots = Integer.highestOneBit(Math.max(2, totalChars) * 2) * 2;
        edgeMask = slots - 1;
        edgeKey = new long[slots];
        edgeTarget = new int[slots];
        Arrays.fill(edgeTarget, NONE);
        int nodes = 1;
        for (int p = 0; p < phrases.size(); p++) {
            String phrase = fold(phrases.get(p));
            phraseLength[p] = phrase.length();
            startsWord[p] = Character.UnicodeScript.of(phrase.codePointAt(0)) == Character.UnicodeScript.LATIN;
            int node = ROOT;
            for (int i = 0; i < phrase.length(); i++) {
                int next = step(node, phrase.charAt(i));
                if (next == NONE) {
                    next = nodes++;
                    link(node, phrase.charAt(i), next);
                    edges.add(new long[] {node, phrase.charAt(i), next});
                    ending.add(NONE);
                }
                node = next;
            }
            if (ending.get(node) == NONE) {
                ending.set(node, p);
            }
        }
        phraseAt = ending.stream().mapToInt(Integer::intValue).toArray();
        fail = new int[nodes];
        nextEnding = new int[nodes];
        Arrays.fill(nextEnding, NONE);
        linkFailures(edges, nodes);
    }

    /** Failure links breadth-first: a node falls back to the longest proper suffix of its path that is a path too. */
    private void linkFailures(List<long[]> edges, int nodes) {
        List<List<long[]>> out = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            out.add(new ArrayList<>());
        }
        edges.forEach(edge -> out.get((int) edge[0]).add(edge));
        Deque<Integer> queue = new ArrayDeque<>();
        for (long[] edge : out.get(ROOT)) {
            fail[(int) edge[2]] = ROOT;
            queue.add((int) edge[2]);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (long[] edge : out.get(node)) {
                char c = (char) edge[1];
                int child = (int) edge[2];
                int back = fail[node];
                while (back != ROOT && step(back, c) == NONE) {
                    back = fail[back];
                }
                int target = step(back, c);
                fail[child] = target == NONE ? ROOT : target;
                nextEnding[child] = phraseAt[fail[child]] != NONE ? fail[child] : nextEnding[fail[child]];
                queue.add(child);
            }
        }
    }

    /** No cue at all: urgency is the models' alone. */
    public static UrgencyCues none() {
        return new UrgencyCues(List.of());
    }

    /** The phrases of classpath resources, else files: one a line, blank lines and lines from '#' ignored. */
    public static UrgencyCues read(List<String> locations) {
        List<String> phrases = new ArrayList<>();
        for (String location : locations) {
            try (InputStream in = TrainingExample.open(location)) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                reader.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).forEach(phrases::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the urgency cues " + location, e);
            }
        }
        return of(phrases);
    }

    static UrgencyCues of(List<String> phrases) {
        return new UrgencyCues(phrases);
    }

    /** The phrases found in the text, as written in the list, each once, in the order they end in the text. */
    public List<String> found(String text) {
        if (phrases.isEmpty()) {
            return List.of();
        }
        Set<String> found = null;
        int node = ROOT;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            int next = step(node, c);
            while (next == NONE && node != ROOT) {
                node = fail[node];
                next = step(node, c);
            }
            node = next == NONE ? ROOT : next;
            for (int ends = phraseAt[node] != NONE ? node : nextEnding[node]; ends != NONE; ends = nextEnding[ends]) {
                int phrase = phraseAt[ends];
                int start = i - phraseLength[phrase] + 1;
                if (!startsWord[phrase] || start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1))) {
                    if (found == null) {
                        found = new LinkedHashSet<>();
                    }
                    found.add(phrases.get(phrase));
                }
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    private static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            folded.append(fold(text.charAt(i)));
        }
        return folded.toString();
    }

    private static char fold(char c) {
        return c < FOLDED.length ? FOLDED[c] : Character.toLowerCase(c);
    }

    private int step(int node, char c) {
        long key = ((long) node << 16) | c;
        int slot = slot(key);
        return edgeTarget[slot];
    }

    private void link(int node, char c, int target) {
        long key = ((long) node << 16) | c;
        int slot = slot(key);
        edgeKey[slot] = key;
        edgeTarget[slot] = target;
    }

    private int slot(long key) {
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & edgeMask;
        while (edgeTarget[slot] != NONE && edgeKey[slot] != key) {
            slot = (slot + 1) & edgeMask;
        }
        return slot;
    }
}
