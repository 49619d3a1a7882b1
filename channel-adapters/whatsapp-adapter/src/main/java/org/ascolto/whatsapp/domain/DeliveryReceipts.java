package org.ascolto.whatsapp.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.ReplyStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The delivery receipts of a WhatsApp Cloud API notification ({@code value.statuses[]} of its {@code messages} changes):
 * which message of ours was sent, delivered, read or failed, and when. Other statuses, and receipts without a message id,
 * are not receipts of a reply.
 */
public final class DeliveryReceipts {

    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");

    /** One receipt: Meta's message id, the status, when it happened, and for a failure the first error's code (0 if none). */
    public record Receipt(String messageId, String status, Instant at, Integer errorCode) {
    }

    private DeliveryReceipts() {
    }

    /** The receipts of a notification already known to be a JSON object; {@code receivedAt} stands in for a missing time. */
    public static List<Receipt> of(byte[] body, Instant receivedAt) throws IOException {
        List<Receipt> receipts = new ArrayList<>();
        if (!mentionsStatuses(body)) {
            return receipts;
        }
        for (JsonNode entry : EventJson.mapper().readTree(body).path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if ("messages".equals(change.path("field").asText())) {
                    for (JsonNode status : change.path("value").path("statuses")) {
                        receipt(status, receivedAt, receipts);
                    }
                }
            }
        }
        return receipts;
    }

    /** Whether the notification names Meta's key of receipts at all: a notification of citizens' messages does not. */
    private static boolean mentionsStatuses(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1).contains("\"statuses\"");
    }

    private static void receipt(JsonNode status, Instant receivedAt, List<Receipt> receipts) {
        String messageId = status.path("id").asText("");
        String name = status.path("status").asText("");
        if (messageId.isBlank() || messageId.length() > 256 || !ReplyStatus.ORDER.contains(name)) {
            return;
        }
        String seconds = status.path("timestamp").asText("");
        Instant at = EPOCH_SECONDS.matcher(seconds).matches() ? Instant.ofEpochSecond(Long.parseLong(seconds)) : receivedAt;
        Integer errorCode = ReplyStatus.FAILED.equals(name) ? Math.max(0, status.path("errors").path(0).path("code").asInt(0)) : null;
        receipts.add(new Receipt(messageId, name, at, errorCode));
    }
}
