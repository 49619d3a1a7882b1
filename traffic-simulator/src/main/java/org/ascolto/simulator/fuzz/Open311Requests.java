package org.ascolto.simulator.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.ascolto.contracts.EventJson;
import org.ascolto.localinfra.HostileInput;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Open311 requests as a civic app posts them, with the api_key an integrator registered for the fuzz run, so that they
 * reach the parser: unchanged, or with hostile values, duplicated and unknown keys, invalid UTF-8, huge or random bodies.
 */
final class Open311Requests {

    private static final Map<String, String> VALID = Map.of("service_code", "other", "description",
            "Lampione spento in via Padova 12 da tre sere", "address_string", "Via Padova 12, Milano", "email", "fuzz@example.org",
            "first_name", "Giulia");

    private final URI requests;
    private final String apiKey;

    private Open311Requests(URI requests, String apiKey) {
        this.requests = requests;
        this.apiKey = apiKey;
    }

    /** Registers a civic app for the run with the integrator's token, and posts with its key. */
    static Open311Requests register(HttpClient http, URI adapter, CaseApiToken integrator) throws IOException, InterruptedException {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(adapter.resolve("/api/v1/open311-clients"))
                .header("Authorization", "Bearer " + integrator.current(http)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ascolto fuzz\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("the Open311 adapter registered no civic app for the fuzz run: " + registered.statusCode());
        }
        return new Open311Requests(adapter.resolve("/open311/v2/requests.json"),
                EventJson.mapper().readTree(registered.body()).path("apiKey").asText());
    }

    HttpRequest request(boolean unchanged, Random random) {
        byte[] body = unchanged ? form(VALID, Map.of()) : hostile(random);
        HttpRequest.Builder request = HttpRequest.newBuilder(requests).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!unchanged && random.nextInt(5) == 0) {
            request.header("Idempotency-Key", random.nextBoolean() ? UUID.randomUUID().toString() : "k" + random.nextInt(3));
        }
        return request.build();
    }

    /** The contact a request became: its token is the contact's id. */
    static Optional<UUID> contactIdIn(String answer) {
        try {
            JsonNode token = EventJson.mapper().readTree(answer).path(0).path("token");
            return token.isTextual() ? Optional.of(UUID.fromString(token.asText())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] hostile(Random random) {
        Map<String, String> fields = new LinkedHashMap<>(VALID);
        return switch (random.nextInt(5)) {
            case 0 -> HostileInput.bytes(random);
            case 1 -> {
                fields.put("description", "x".repeat(random.nextInt(200_000)));
                yield form(fields, Map.of());
            }
            case 2 -> {
                // raw bytes that are not UTF-8, percent-encoded into the description
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.writeBytes(form(fields, Map.of()));
                bytes.writeBytes("&description=".getBytes(StandardCharsets.US_ASCII));
                for (byte b : HostileInput.invalidUtf8(random)) {
                    bytes.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
                }
                yield bytes.toByteArray();
            }
            default -> {
                fields.replaceAll((name, value) -> random.nextBoolean() ? HostileInput.text(random) : value);
                if (random.nextBoolean()) {
                    fields.put(random.nextBoolean() ? "lat" : "long", HostileInput.numberToken(random));
                }
                Map<String, String> extra = new LinkedHashMap<>();
                if (random.nextBoolean()) {
                    extra.put("service_code", HostileInput.text(random));
                    extra.put(HostileInput.text(random), HostileInput.text(random));
                }
                yield form(fields, extra);
            }
        };
    }

    /** The form with the run's key first; {@code extra} repeats keys or adds unknown ones after the fields. */
    private byte[] form(Map<String, String> fields, Map<String, String> extra) {
        StringBuilder form = new StringBuilder("api_key=").append(encode(apiKey));
        fields.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
        extra.forEach((name, value) -> form.append('&').append(encode(name)).append('=').append(encode(value)));
        return form.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
