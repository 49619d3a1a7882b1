package org.ascolto.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;


/**
 * A local stand-in for the Cloud API's send endpoint: it checks every request against Meta's documented format (path
 * {@code /v21.0/{phone-number-id}/messages}, bearer token, JSON body of a text or template message) and answers with
 * the documented bodies: the message id, or an error object whose code the test scripted for the recipient.
 */
public class GraphApiStandIn extends GraphStandIn {

    public static final String TOKEN = "local-whatsapp-access-token";
    private static final Pattern PATH = Pattern.compile("/v21\\.0/(\\d+)/messages");

    /** A request as received, with what was wrong with its format (empty when nothing) and the message id answered, if any. */
    public record Request(String phoneNumberId, JsonNode body, List<String> violations, String messageId) {
    }

    /** An answer to script: an HTTP status and Meta's error code. */
    public record Failure(int status, int code) {
    }

    private static final Deque<Request> REQUESTS = new ArrayDeque<>();
    private static final Map<String, Deque<Failure>> SCRIPT = new ConcurrentHashMap<>();

    /** The next requests to this WhatsApp user fail as given, in order; then they succeed. */
    public static void failNext(String to, Failure... failures) {
        SCRIPT.computeIfAbsent(to, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(failures));
    }

    public static synchronized List<Request> requestsTo(String to) {
        return REQUESTS.stream().filter(r -> to.equals(r.body().path("to").asText())).toList();
    }

    @Override
    protected String baseUrlProperty() {
        return "ascolto.whatsapp.graph.base-url";
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        List<String> violations = envelopeViolations(exchange, path, TOKEN);
        JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
        violations.addAll(bodyViolations(body));
        String to = body.path("to").asText();
        Failure failure = violations.isEmpty() ? next(to, body.path("type").asText()) : new Failure(400, 100);
        String messageId = failure == null ? "wamid.sent-" + UUID.randomUUID() : null;
        synchronized (GraphApiStandIn.class) {
            keep(REQUESTS, new Request(path.matches() ? path.group(1) : null, body, violations, messageId));
        }
        if (failure == null) {
            answer(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                    + "\"}],\"messages\":[{\"id\":\"" + messageId + "\"}]}");
        } else {
            answer(exchange, failure.status(), error(failure.code(), 0,
                    ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"scripted\"}"));
        }
    }

    /** A re-engagement error answers text messages only: a template is what it asks for. */
    private static Failure next(String to, String type) {
        Deque<Failure> script = SCRIPT.get(to);
        if (script == null || script.isEmpty()) {
            return null;
        }
        if (script.peek().code() == 131047 && !"text".equals(type)) {
            script.poll();
            return null;
        }
        return script.poll();
    }

    private static List<String> bodyViolations(JsonNode body) {
        List<String> violations = new ArrayList<>();
        if (!"whatsapp".equals(body.path("messaging_product").asText())) {
            violations.add("messaging_product");
        }
        if (!body.path("to").asText().matches("\\d{6,15}")) {
            violations.add("to");
        }
        switch (body.path("type").asText()) {
            case "text" -> {
                String text = body.path("text").path("body").asText("");
                if (text.isEmpty() || text.codePointCount(0, text.length()) > 4096 || !body.path("text").path("preview_url").isBoolean()) {
                    violations.add("text");
                }
            }
            case "template" -> {
                JsonNode template = body.path("template");
                if (template.path("name").asText("").isEmpty() || !template.path("language").path("code").asText().matches("[a-z]{2,3}(_[A-Z]{2})?")
                        || !"body".equals(template.path("components").path(0).path("type").asText())
                        || !"text".equals(template.path("components").path(0).path("parameters").path(0).path("type").asText())) {
                    violations.add("template");
                }
            }
            default -> violations.add("type " + body.path("type").asText());
        }
        return violations;
    }

    /**
     * The webhook notification Meta posts when a message it accepted changes status, as documented: one
     * {@code value.statuses[]} entry; a {@code failed} one carries an error object with {@code errorCode}.
     */
    public static byte[] statusNotification(String phoneNumberId, String recipient, String messageId, String status,
            long epochSeconds, int errorCode) {
        String errors = "failed".equals(status) ? ",\"errors\":[{\"code\":" + errorCode + ",\"title\":\"Re-engagement message\","
                + "\"message\":\"Re-engagement message\",\"error_data\":{\"details\":\"Message failed to send because more"
                + " than 24 hours have passed since the customer last replied to this number.\"}}]" : "";
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"390288450000\",\"phone_number_id\":\""
                + phoneNumberId + "\"},\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + epochSeconds + "\",\"recipient_id\":\"" + recipient + "\",\"conversation\":{\"id\":\"a1b2c3\",\"origin\":{"
                + "\"type\":\"service\"}},\"pricing\":{\"billable\":true,\"pricing_model\":\"CBP\",\"category\":\"service\"}"
                + errors + "}]},\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
