package org.ascolto.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A local stand-in for the Messenger Platform's Send API, the one Messenger and Instagram (with Facebook Login) share:
 * it checks every request against Meta's documented format (path {@code /v21.0/{page-id}/messages}, the Page access
 * token as bearer, a JSON body naming {@code recipient.id} with a {@code RESPONSE} or {@code HUMAN_AGENT}-tagged
 * message, or {@code recipient.comment_id} for a private reply, and a text of at most 2,000 characters) and answers
 * with the documented bodies: {@code recipient_id} and {@code message_id}, or an error object the test scripted.
 */
public class SendApiStandIn extends GraphStandIn {

    public static final String TOKEN = "local-meta-page-access-token";
    public static final String PAGE_ID = "104826025612345";
    private static final Pattern PATH = Pattern.compile("/v21\\.0/(\\d+)/messages");
    private static final Pattern USER_ID = Pattern.compile("\\d{6,32}");
    private static final Pattern COMMENT_ID = Pattern.compile("\\d{6,32}(_\\d{6,32})?");
    private static final int MAX_TEXT = 2000;

    /**
     * A request as received: the Page of its path, its body, what was wrong with its format (empty when nothing), and
     * the message id and recipient id answered, if it was accepted.
     */
    public record Request(String pageId, JsonNode body, List<String> violations, String messageId, String recipientId) {

        /** The user id or comment id the request is addressed to. */
        public String to() {
            return SendApiStandIn.to(body);
        }
    }

    /** An answer to script: an HTTP status, Meta's error code and subcode (0 for none). */
    public record Failure(int status, int code, int subcode) {
    }

    private static final Deque<Request> REQUESTS = new ArrayDeque<>();
    private static final Map<String, Deque<Failure>> SCRIPT = new ConcurrentHashMap<>();

    /** The next requests to this user or comment fail as given, in order; then they succeed. */
    public static void failNext(String to, Failure... failures) {
        SCRIPT.computeIfAbsent(to, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(failures));
    }

    public static synchronized List<Request> requestsTo(String to) {
        return REQUESTS.stream().filter(r -> to.equals(r.to())).toList();
    }

    /** The page-scoped id Meta answers for a private reply to this comment: the commenter's, in Messenger. */
    public static String commenterOf(String commentId) {
        return "9" + commentId.replace("_", "").substring(Math.max(0, commentId.replace("_", "").length() - 14));
    }

    @Override
    protected String baseUrlProperty() {
        return "ascolto.meta.graph.base-url";
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        List<String> violations = envelopeViolations(exchange, path, TOKEN);
        if (path.matches() && !PAGE_ID.equals(path.group(1))) {
            violations.add("page " + path.group(1));
        }
        JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
        violations.addAll(bodyViolations(body));
        String to = to(body);
        Deque<Failure> script = SCRIPT.get(to);
        Failure failure = !violations.isEmpty() ? new Failure(400, 100, 0) : script == null ? null : script.poll();
        String messageId = failure == null ? "m_sent-" + UUID.randomUUID() : null;
        String recipientId = failure == null ? (body.path("recipient").has("comment_id") ? commenterOf(to) : to) : null;
        synchronized (SendApiStandIn.class) {
            keep(REQUESTS, new Request(path.matches() ? path.group(1) : null, body, violations, messageId, recipientId));
        }
        if (failure == null) {
            answer(exchange, 200, "{\"recipient_id\":\"" + recipientId + "\",\"message_id\":\"" + messageId + "\"}");
        } else {
            answer(exchange, failure.status(), error(failure.code(), failure.subcode(), ""));
        }
    }

    private static String to(JsonNode body) {
        JsonNode recipient = body.path("recipient");
        return recipient.has("comment_id") ? recipient.path("comment_id").asText() : recipient.path("id").asText();
    }

    private static List<String> bodyViolations(JsonNode body) {
        List<String> violations = new ArrayList<>();
        JsonNode recipient = body.path("recipient");
        Set<String> keys = new HashSet<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            keys.add(names.next());
        }
        if (recipient.size() != 1) {
            violations.add("recipient names one of id or comment_id");
        } else if (recipient.has("comment_id")) {
            if (!COMMENT_ID.matcher(recipient.path("comment_id").asText()).matches()) {
                violations.add("recipient.comment_id");
            }
            // a private reply may name a messaging type; a tag is for a conversation the citizen opened
            if (keys.contains("tag") || !Set.of("RESPONSE", "").contains(body.path("messaging_type").asText(""))) {
                violations.add("private reply messaging_type");
            }
        } else {
            if (!USER_ID.matcher(recipient.path("id").asText()).matches()) {
                violations.add("recipient.id");
            }
            String type = body.path("messaging_type").asText("");
            boolean response = "RESPONSE".equals(type) && !keys.contains("tag");
            boolean humanAgent = "MESSAGE_TAG".equals(type) && "HUMAN_AGENT".equals(body.path("tag").asText());
            if (!response && !humanAgent) {
                violations.add("messaging_type " + type + " tag " + body.path("tag").asText(""));
            }
        }
        String text = body.path("message").path("text").asText("");
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT || body.path("message").size() != 1) {
            violations.add("message.text");
        }
        keys.removeAll(Set.of("recipient", "messaging_type", "tag", "message"));
        if (!keys.isEmpty()) {
            violations.add("unknown fields " + keys);
        }
        return violations;
    }

    /** Messenger's {@code message_deliveries} notification: the Page's messages to the citizen delivered, by id (none: only the watermark). */
    public static byte[] delivery(String citizenId, List<String> messageIds, long watermarkMillis) {
        String mids = messageIds.isEmpty() ? "" : "\"mids\":[" + String.join(",", messageIds.stream().map(id -> "\"" + id + "\"").toList()) + "],";
        return messaging("page", citizenId, PAGE_ID, "\"delivery\":{" + mids + "\"watermark\":" + watermarkMillis + "}");
    }

    /** Messenger's {@code message_reads} notification: everything the Page sent the citizen up to the watermark was read. */
    public static byte[] read(String citizenId, long watermarkMillis) {
        return messaging("page", citizenId, PAGE_ID, "\"timestamp\":" + (watermarkMillis + 200) + ",\"read\":{\"watermark\":" + watermarkMillis + "}");
    }

    /** Instagram's {@code messaging_seen} notification: the citizen saw this message of the account's. */
    public static byte[] instagramSeen(String accountId, String citizenId, String messageId, long atMillis) {
        return messaging("instagram", citizenId, accountId, "\"timestamp\":" + atMillis + ",\"read\":{\"mid\":\"" + messageId + "\"}");
    }

    private static byte[] messaging(String object, String citizenId, String accountId, String event) {
        return ("{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"" + accountId + "\",\"time\":" + System.currentTimeMillis()
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + citizenId + "\"},\"recipient\":{\"id\":\"" + accountId + "\"},"
                + event + "}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
