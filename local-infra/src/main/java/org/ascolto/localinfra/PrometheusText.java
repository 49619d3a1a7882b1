package org.ascolto.localinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of {@code /q/metrics} as Prometheus reads it: series names, labels and values (text format 0.0.4). */
public final class PrometheusText {

    /** One sample: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+).*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new PrometheusText(samples);
    }

    /** Every series name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there are none. */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).mapToDouble(Sample::value).sum();
    }

    /** Whether a sample of {@code name} has labels that include {@code labels}. */
    public boolean has(String name, Map<String, String> labels) {
        return matching(name, labels).findAny().isPresent();
    }

    private Stream<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
    }
}
