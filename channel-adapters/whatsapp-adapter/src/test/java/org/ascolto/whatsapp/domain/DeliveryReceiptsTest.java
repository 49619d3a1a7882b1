package org.ascolto.whatsapp.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveryReceiptsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T08:30:00Z");

    @Test
    void receiptsOfEveryChangeAreReadAndWhatIsNotAReceiptOfOursIsLeft() throws IOException {
        String notification = """
                {"object":"whatsapp_business_account","entry":[
                 {"changes":[{"field":"messages","value":{"statuses":[
                   {"id":"wamid.a","status":"delivered","timestamp":"1795420692","recipient_id":"393331234567"},
                   {"id":"wamid.a","status":"deleted","timestamp":"1795420693"},
                   {"id":"","status":"read","timestamp":"1795420694"},
                   {"status":"read"},
                   {"id":"wamid.b","status":"failed","timestamp":"not a time","errors":[{"code":131047,"title":"Re-engagement message"}]},
                   {"id":"wamid.c","status":"failed","timestamp":"1795420699"}]}}]},
                 {"changes":[{"field":"account_update","value":{"statuses":[{"id":"wamid.d","status":"read"}]}},
                   {"field":"messages","value":{"statuses":{"id":"not an array"},"messages":[{"id":"wamid.in"}]}}]}]}""";

        assertEquals(List.of(
                new DeliveryReceipts.Receipt("wamid.a", "delivered", Instant.ofEpochSecond(1795420692), null),
                new DeliveryReceipts.Receipt("wamid.b", "failed", RECEIVED, 131047),
                new DeliveryReceipts.Receipt("wamid.c", "failed", Instant.ofEpochSecond(1795420699), 0)),
                DeliveryReceipts.of(notification.getBytes(StandardCharsets.UTF_8), RECEIVED));
    }
}
