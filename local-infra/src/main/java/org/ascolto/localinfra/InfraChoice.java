package org.ascolto.localinfra;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Where a test run's Kafka broker and PostgreSQL come from, and why: what the environment names or forces first, then
 * containers when a Docker engine answers, then what runs without Docker. The probes are asked only when the choice
 * depends on them.
 */
final class InfraChoice {

    static final String FORCE_KAFKA = "ASCOLTO_TEST_KAFKA";
    static final String FORCE_POSTGRES = "ASCOLTO_TEST_POSTGRES";

    enum Kafka { GIVEN, CONTAINER, IN_JVM }

    enum Postgres { SERVER, CONTAINER, EMBEDDED }

    record Choice<S extends Enum<S>>(S source, String reason) {

        /** What a log line says, e.g. {@code PostgreSQL: embedded (no Docker engine answers, ...)}. */
        String describe(String what) {
            return what + ": " + spelling(source) + " (" + reason + ")";
        }
    }

    private InfraChoice() {
    }

    static Choice<Kafka> kafka(Map<String, String> env, BooleanSupplier dockerAnswers) {
        if (isSet(env, "KAFKA_BOOTSTRAP_SERVERS")) {
            return new Choice<>(Kafka.GIVEN, "KAFKA_BOOTSTRAP_SERVERS names it");
        }
        if (isSet(env, FORCE_KAFKA)) {
            return new Choice<>(forced(env, FORCE_KAFKA, Kafka.class, Kafka.GIVEN), FORCE_KAFKA + " forces it");
        }
        return dockerAnswers.getAsBoolean()
                ? new Choice<>(Kafka.CONTAINER, "a Docker engine answers")
                : new Choice<>(Kafka.IN_JVM, "no Docker engine answers");
    }

    /**
     * PGHOST or PGPORT name a server that wins over Docker while it answers; unset, a server answering at the default
     * address serves only where Docker does not.
     */
    static Choice<Postgres> postgres(Map<String, String> env, BooleanSupplier dockerAnswers, BooleanSupplier serverAnswers) {
        if (isSet(env, FORCE_POSTGRES)) {
            return new Choice<>(forced(env, FORCE_POSTGRES, Postgres.class, null), FORCE_POSTGRES + " forces it");
        }
        String server = PostgresServer.fromEnvironment(env).address();
        boolean named = isSet(env, "PGHOST") || isSet(env, "PGPORT");
        if (named && serverAnswers.getAsBoolean()) {
            return new Choice<>(Postgres.SERVER, "PGHOST/PGPORT name " + server + ", which answers");
        }
        if (dockerAnswers.getAsBoolean()) {
            return new Choice<>(Postgres.CONTAINER, "a Docker engine answers");
        }
        if (!named && serverAnswers.getAsBoolean()) {
            return new Choice<>(Postgres.SERVER, "a server answers at " + server);
        }
        return new Choice<>(Postgres.EMBEDDED, "no Docker engine and no server at " + server + " answer");
    }

    private static <S extends Enum<S>> S forced(Map<String, String> env, String variable, Class<S> sources, S notForcible) {
        String value = env.get(variable).trim();
        return Arrays.stream(sources.getEnumConstants())
                .filter(source -> source != notForcible && spelling(source).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(variable + "=" + value + " is none of "
                        + Arrays.stream(sources.getEnumConstants()).filter(source -> source != notForcible)
                                .map(InfraChoice::spelling).collect(Collectors.joining(", "))));
    }

    /** {@code IN_JVM} is spelled {@code in-jvm}, in the environment and in the log. */
    private static String spelling(Enum<?> source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
