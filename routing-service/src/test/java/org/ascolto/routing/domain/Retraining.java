package org.ascolto.routing.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ascolto.contracts.EventJson;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.support.taxonomy.Taxonomy;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.SmallRyeConfig;

/**
 * {@code ./ascolto retrain}: takes the operators' category corrections from the case API (role model-trainer, audited
 * there), adds them to the training corpus of the model version in service, trains a candidate version, scores both on
 * the development split, the tuning set and the blind sets, and promotes the candidate only if {@link TargetGate} finds no
 * target regresses. The corrections hold what citizens wrote: they are kept beside the promoted versions' file
 * (outside the repository), never in it, and at each run lose the examples of cases redacted since.
 */
public final class Retraining {

    /** The promoted versions' file: read by the service (QUARKUS_CONFIG_LOCATIONS), evaluate and retrain. */
    static final String PROMOTED_FILE = "ASCOLTO_ROUTING_PROMOTED";
    /** Above the service's application.properties (250), below the environment (300): ASCOLTO_ROUTING_MODEL still rolls back. */
    static final int PROMOTED_ORDINAL = 260;
    private static final String MODELS = "ascolto.routing.models.";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private Retraining() {
    }

    /** The promoted versions' file the environment names, or none. */
    static Path promotedFile() {
        String file = System.getenv(PROMOTED_FILE);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /** The properties of the promoted versions' file; none when there is no such file yet. */
    static Map<String, String> promoted(Path file) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (file == null || !Files.exists(file)) {
            return properties;
        }
        Properties read = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        read.stringPropertyNames().forEach(name -> properties.put(name, read.getProperty(name)));
        return properties;
    }

    /** The labelled examples of the operators' corrections, read from the case API with the trainer's token. */
    static List<TrainingExample> corrections(URI caseApi, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(caseApi.resolve("/api/v1/corrections"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the case API answered " + answer.statusCode() + " to GET /api/v1/corrections: " + answer.body());
        }
        List<TrainingExample> examples = new ArrayList<>();
        for (JsonNode example : EventJson.mapper().readTree(answer.body()).path("examples")) {
            examples.add(EventJson.mapper().treeToValue(example, TrainingExample.class));
        }
        return examples;
    }

    /** A candidate's name: the version in service's, without an earlier retraining's stamp, and when it was trained. */
    static String candidateName(String inService, LocalDateTime at) {
        return inService.replaceFirst("-r\\d{12}$", "") + "-r" + STAMP.format(at);
    }

    /**
     * The candidate version's properties: the corpus of the version in service, with the corrections file instead of an
     * earlier one (the case API gives every correction each time), and its thresholds, cues and temperatures.
     */
    static Map<String, String> candidateModel(RoutingConfig routing, String name, Path corrections) {
        RoutingConfig.Model base = routing.activeModel();
        List<String> corpus = new ArrayList<>(base.trainingCorpus().stream()
                .filter(location -> !Path.of(location).getFileName().toString().startsWith("corrections-")).toList());
        corpus.add(corrections.toAbsolutePath().toString());
        Map<String, String> model = new LinkedHashMap<>();
        model.put(MODELS + name + ".training-corpus", String.join(",", corpus));
        model.put(MODELS + name + ".urgent-threshold", String.valueOf(base.urgentThreshold()));
        base.urgencyCues().ifPresent(cues -> model.put(MODELS + name + ".urgency-cues", String.join(",", cues)));
        model.put(MODELS + name + ".temperature", String.valueOf(base.temperature()));
        model.put(MODELS + name + ".category-bayes-temperature", String.valueOf(base.categoryBayesTemperature()));
        model.put("ascolto.routing.model", name);
        return model;
    }

    static void write(Path file, List<TrainingExample> examples) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TrainingExample example : examples) {
                out.write(EventJson.mapper().writeValueAsString(example));
                out.write('\n');
            }
        }
    }

    /**
     * Rewrites the earlier corrections files in {@code folder} with only the examples the case API still gives: it gives
     * none of a redacted case (a citizen erased, or past retention), so their words leave these copies at each
     * retraining, and the promoted versions that learnt from them learn without them from the next start. Answers how
     * many examples were removed.
     */
    static int keepOnlyStillGiven(Path folder, List<TrainingExample> given) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        Set<String> texts = given.stream().map(TrainingExample::text).collect(Collectors.toSet());
        List<Path> earlier;
        try (Stream<Path> files = Files.list(folder)) {
            earlier = files.filter(f -> f.getFileName().toString().matches("corrections-.*\\.jsonl")).sorted().toList();
        }
        int removed = 0;
        for (Path file : earlier) {
            List<TrainingExample> examples = TrainingExample.readCorpus(List.of(file.toString()));
            List<TrainingExample> kept = examples.stream().filter(example -> texts.contains(example.text())).toList();
            if (kept.size() < examples.size()) {
                write(file, kept);
                removed += examples.size() - kept.size();
            }
        }
        return removed;
    }

    /** How many of the examples the classifier routes to their category. */
    static long agreeing(ContactClassifier classifier, List<TrainingExample> examples) {
        return examples.stream().filter(example -> classifier.classify(example.text()).category().equals(example.category())).count();
    }

    /** Adds the candidate to the promoted versions' file and puts it in service there; earlier versions stay defined. */
    static void promote(Path file, Map<String, String> candidate, String why) throws IOException {
        Map<String, String> properties = promoted(file);
        properties.put("config_ordinal", String.valueOf(PROMOTED_ORDINAL));
        properties.putAll(candidate);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# model versions promoted by ./ascolto retrain; the last: " + why + "\n");
            for (Map.Entry<String, String> property : new TreeMap<>(properties).entrySet()) {
                out.write(property.getKey() + "=" + property.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String token = System.getenv("ASCOLTO_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("ASCOLTO_TOKEN must hold a bearer token of the model-trainer role");
        }
        URI caseApi = URI.create(System.getenv().getOrDefault("ASCOLTO_CASE_API", "http://localhost:8086"));
        Path named = promotedFile();
        Path promotedFile = named != null ? named : Path.of(".local/routing/promoted.properties");
        List<TrainingExample> corrections = corrections(caseApi, token);
        System.out.printf("%d labelled examples from the operators' corrections (%s)%n", corrections.size(), caseApi);
        int redacted = keepOnlyStillGiven(promotedFile.toAbsolutePath().getParent(), corrections);
        System.out.printf("%d examples of cases redacted since (erased, or past retention) removed from earlier corrections files%n", redacted);
        Map<String, String> promoted = promoted(promotedFile);
        SmallRyeConfig inServiceConfig = HeldOutEvaluation.serviceConfig(promoted, Map.of());
        RoutingConfig routing = inServiceConfig.getConfigMapping(RoutingConfig.class);
        if (redacted > 0) {
            ModelStore.in(routing.modelStore()).clear();
            System.out.printf("the stored models (%s) deleted: the versions that learnt from those examples learn without them at the next start%n",
                    routing.modelStore().orElse("none"));
        }
        if (corrections.isEmpty()) {
            System.out.println("no corrections: nothing to retrain");
            return;
        }
        Taxonomy taxonomy = inServiceConfig.getConfigMapping(Taxonomy.class);
        String name = candidateName(routing.model(), LocalDateTime.now(ZoneOffset.UTC));
        Path correctionsFile = promotedFile.resolveSibling("corrections-" + name + ".jsonl");
        write(correctionsFile, corrections);
        Map<String, String> candidateModel = candidateModel(routing, name, correctionsFile);

        ContactClassifier inService = HeldOutEvaluation.classifier(inServiceConfig);
        SmallRyeConfig candidateConfig = HeldOutEvaluation.serviceConfig(promoted, candidateModel);
        ContactClassifier candidate = HeldOutEvaluation.classifier(candidateConfig);
        System.out.printf("candidate %s learns from %d examples, %d of them the operators' corrections; corrections routed to"
                + " the corrected category: %d by %s, %d by the candidate%n%n", name,
                TrainingExample.readCorpus(candidateConfig.getConfigMapping(RoutingConfig.class).activeModel().trainingCorpus()).size(), corrections.size(),
                agreeing(inService, corrections), routing.model(), agreeing(candidate, corrections));
        List<String> regressed = TargetGate.regressed(inService, candidate, taxonomy, System.out);
        if (regressed.isEmpty()) {
            String why = name + " (" + corrections.size() + " corrected examples): no target regresses from " + routing.model();
            promote(promotedFile, candidateModel, why);
            System.out.printf("PROMOTED %s%nin %s; restart the routing service to serve it; ASCOLTO_ROUTING_MODEL=%s rolls back%n",
                    why, promotedFile, routing.model());
        } else {
            Files.delete(correctionsFile);
            System.out.printf("REFUSED %s: worse than %s on %s%n", name, routing.model(), String.join(", ", regressed));
            System.exit(1);
        }
    }
}
