package org.ascolto.adapter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.ascolto.contracts.EventJson;
import org.ascolto.support.retry.DoublingPauses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The send endpoint of Meta's Graph API, {@code POST {base}/{node-id}/messages} with the access token as a bearer token
 * (the WhatsApp Cloud API's node is the business number, Messenger's and Instagram's the Page), and what Meta answered:
 * the message id, or the code and subcode of its error object. Rate limits, Meta's server errors, the codes the channel
 * names as "try again later" and silence are tried again with doubling pauses.
 */
public class GraphApi {

    /** What Meta answered one request: a message id (and the recipient Meta names), or an HTTP status (0 when no answer came) and an error. */
    public record Answer(String messageId, String recipientId, int status, int errorCode, int errorSubcode, boolean worthRetrying) {

        public boolean accepted() {
            return messageId != null;
        }
    }

    private final GraphApiSettings settings;
    private final Set<Integer> tryAgain;
    private final HttpClient http;

    /** {@code tryAgain}: the channel's error codes that Meta documents as temporary, whatever the HTTP status. */
    public GraphApi(GraphApiSettings settings, Set<Integer> tryAgain) {
        this.settings = settings;
        this.tryAgain = Set.copyOf(tryAgain);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Sends the message, tried again while Meta's answer asks for it, up to the configured attempts. */
    public Answer deliver(String nodeId, ObjectNode message) {
        DoublingPauses pauses = new DoublingPauses(settings.backoff(), settings.maxBackoff());
        Answer answer = send(nodeId, message);
        for (int attempt = 2; attempt <= settings.attempts() && answer.worthRetrying(); attempt++) {
            pauses.await();
            answer = send(nodeId, message);
        }
        return answer;
    }

    private Answer send(String nodeId, ObjectNode message) {
        HttpRequest request = HttpRequest.newBuilder(messagesOf(nodeId))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(message)))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(null, null, 0, 0, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a reply", e);
        }
    }

    private URI messagesOf(String nodeId) {
        String base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + nodeId + "/messages");
    }

    /** The Cloud API names the message in {@code messages[0].id}, the Send API in {@code message_id}. */
    private Answer answer(int status, byte[] body) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        if (json == null) {
            return new Answer(null, null, status, 0, 0, retryable(status, 0));
        }
        String messageId = json.path("messages").path(0).path("id").asText(json.path("message_id").asText(null));
        if (status / 100 == 2 && messageId != null) {
            return new Answer(messageId, json.path("recipient_id").asText(null), status, 0, 0, false);
        }
        JsonNode error = json.path("error");
        int code = error.path("code").asInt(0);
        return new Answer(null, null, status, code, error.path("error_subcode").asInt(0), retryable(status, code));
    }

    private boolean retryable(int status, int code) {
        return status == 429 || status >= 500 || tryAgain.contains(code);
    }
}
