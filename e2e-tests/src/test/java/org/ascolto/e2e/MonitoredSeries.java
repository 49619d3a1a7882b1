package org.ascolto.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series operations watch: every metric the Prometheus alerts and the Grafana dashboards of deploy/ select. A
 * selector is a metric name followed by its label matchers ({@code name{job="ascolto"}}), as every expression there
 * writes it; {@code up} is Prometheus' own series of each target, never a service's.
 */
final class MonitoredSeries {

    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern DASHBOARD_EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MonitoredSeries() {
    }

    /** Metric names the alerts and dashboards select that a service must emit. */
    static Set<String> names(Path root) {
        Set<String> names = new TreeSet<>(selected(read(root.resolve("deploy/prometheus/alerts.yml"))));
        try (var dashboards = Files.list(root.resolve("deploy/grafana/dashboards"))) {
            dashboards.filter(file -> file.toString().endsWith(".json")).forEach(file -> {
                Matcher expr = DASHBOARD_EXPR.matcher(read(file));
                while (expr.find()) {
                    names.addAll(selected(expr.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.remove("up");
        return names;
    }

    private static Set<String> selected(String text) {
        Set<String> names = new TreeSet<>();
        Matcher selector = SELECTOR.matcher(text);
        while (selector.find()) {
            names.add(selector.group(1));
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
