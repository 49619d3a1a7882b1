package org.ascolto.whatsapp.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.EventJson;
import org.ascolto.whatsapp.config.WhatsAppConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call of the Cloud API's send endpoint, {@code POST {base}/{phone-number-id}/messages} with the access token as a
 * bearer token, and what Meta answered: the message id, or the error code of its error object.
 */
@ApplicationScoped
public class GraphApi {

    /** Meta's codes for "try again later": throughput and pair rate limits, unknown error, service unavailable, API down. */
    static final Set<Integer> TRY_AGAIN = Set.of(1, 2, 130429, 131000, 131016, 131056, 133004);
    /** More than 24 hours since the citizen's last message: only a template may go now. */
    static final int RE_ENGAGEMENT = 131047;

    /** What Meta answered one request: a message id, or an HTTP status (0 when no answer came) and an error code. */
    public record Answer(String messageId, int status, int errorCode) {

        public boolean accepted() {
            return messageId != null;
        }

        /** Rate limits, Meta's server errors and no answer at all are tried again. */
        public boolean worthRetrying() {
            return !accepted() && (status == 0 || status == 429 || status >= 500 || TRY_AGAIN.contains(errorCode));
        }

        public boolean needsTemplate() {
            return errorCode == RE_ENGAGEMENT;
        }
    }

    private final WhatsAppConfig.Graph graph;
    private final HttpClient http;

    public GraphApi(WhatsAppConfig config) {
        this.graph = config.graph();
        this.http = HttpClient.newBuilder().connectTimeout(graph.timeout()).build();
    }

    public Answer send(String phoneNumberId, ObjectNode message) {
        HttpRequest request = HttpRequest.newBuilder(messagesOf(phoneNumberId))
                .timeout(graph.timeout())
                .header("Authorization", "Bearer " + graph.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(message)))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(null, 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a reply", e);
        }
    }

    private URI messagesOf(String phoneNumberId) {
        String base = graph.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + phoneNumberId + "/messages");
    }

    private static Answer answer(int status, byte[] body) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null) {
            return new Answer(null, status, 0);
        }
        String messageId = json.path("messages").path(0).path("id").asText(null);
        if (status / 100 == 2 && messageId != null) {
            return new Answer(messageId, status, 0);
        }
        return new Answer(null, status, json.path("error").path("code").asInt(0));
    }
}
