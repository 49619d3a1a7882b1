package org.ascolto.routing.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ascolto.contracts.EventJson;

/** One labelled message of a corpus: a line of JSON Lines. */
public record TrainingExample(String text, String category, boolean urgent, String language, String channel) {

    /** Every example of the corpus files at these locations: a classpath resource, else a file path. */
    public static List<TrainingExample> readCorpus(List<String> locations) {
        List<TrainingExample> examples = new ArrayList<>();
        for (String location : locations) {
            try (InputStream in = open(location)) {
                examples.addAll(readJsonLines(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the training corpus " + location, e);
            }
        }
        return examples;
    }

    /** A classpath resource, else a file. */
    static InputStream open(String location) throws IOException {
        InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
        return resource != null ? resource : Files.newInputStream(Path.of(location));
    }

    public static List<TrainingExample> readJsonLines(InputStream in) {
        List<TrainingExample> examples = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    examples.add(EventJson.mapper().readValue(line, TrainingExample.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a training corpus", e);
        }
        return examples;
    }
}
