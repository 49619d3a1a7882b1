package org.ascolto.meta.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ascolto.contracts.Channels;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.ReplyStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The receipts of our messages in a Facebook Page or Instagram notification ({@code entry[].messaging[]}): Messenger's
 * {@code delivery} (the messages' ids, or only a watermark) and {@code read} (a watermark: everything sent to the
 * citizen up to then), Instagram's {@code read} of one message ({@code messaging_seen}). A receipt names the message
 * ids it covers, or else the citizen and the time up to which everything sent to them was delivered or read.
 */
public final class MessengerReceipts {

    private static final Map<String, String> CHANNELS = Map.of("page", Channels.FACEBOOK, "instagram", Channels.INSTAGRAM);
    private static final int MAX_ID = 256;

    /** One receipt: {@code delivered} or {@code read}, of these message ids, or else of all sent to {@code citizenId} up to {@code upTo}. */
    public record Receipt(String channel, String status, List<String> messageIds, String citizenId, Instant upTo) {
    }

    private MessengerReceipts() {
    }

    /** The receipts of a notification already known to be a JSON object; {@code receivedAt} stands in for a missing time. */
    public static List<Receipt> of(byte[] body, Instant receivedAt) throws IOException {
        List<Receipt> receipts = new ArrayList<>();
        if (!mentionsReceipts(body)) {
            return receipts;
        }
        JsonNode notification = EventJson.mapper().readTree(body);
        String channel = CHANNELS.get(notification.path("object").asText());
        if (channel == null) {
            return receipts;
        }
        for (JsonNode entry : notification.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                receipt(channel, event, ReplyStatus.DELIVERED, event.path("delivery"), receivedAt, receipts);
                receipt(channel, event, ReplyStatus.READ, event.path("read"), receivedAt, receipts);
            }
        }
        return receipts;
    }

    /** Whether the notification names a key of receipts at all: most notifications are citizens' messages. */
    private static boolean mentionsReceipts(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.contains("\"delivery\"") || text.contains("\"read\"");
    }

    private static void receipt(String channel, JsonNode event, String status, JsonNode receipt, Instant receivedAt,
            List<Receipt> receipts) {
        if (!receipt.isObject()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        receipt.path("mids").forEach(mid -> ids.add(mid.asText("")));
        if (receipt.hasNonNull("mid")) {
            ids.add(receipt.path("mid").asText(""));
        }
        ids.removeIf(id -> id.isBlank() || id.length() > MAX_ID);
        String citizenId = event.path("sender").path("id").asText("");
        JsonNode watermark = receipt.path("watermark");
        Instant upTo = watermark.canConvertToLong() && watermark.asLong() > 0 ? Instant.ofEpochMilli(watermark.asLong()) : null;
        if (!ids.isEmpty()) {
            receipts.add(new Receipt(channel, status, List.copyOf(ids), null, upTo == null ? receivedAt : upTo));
        } else if (upTo != null && !citizenId.isBlank() && citizenId.length() <= MAX_ID) {
            receipts.add(new Receipt(channel, status, List.of(), citizenId, upTo));
        }
    }
}
