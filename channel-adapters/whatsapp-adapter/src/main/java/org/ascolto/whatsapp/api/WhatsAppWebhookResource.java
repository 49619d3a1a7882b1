package org.ascolto.whatsapp.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Path;

import org.ascolto.adapter.MetaWebhookResource;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.whatsapp.config.WhatsAppConfig;
import org.ascolto.whatsapp.domain.DeliveryReceipts;
import org.ascolto.whatsapp.domain.WhatsAppNormalizer;
import org.ascolto.whatsapp.messaging.ReplyReceipts;

/** The WhatsApp Cloud API webhook: citizens' messages become contacts, the receipts of our replies their statuses. */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource extends MetaWebhookResource {

    private final ReplyReceipts receipts;

    public WhatsAppWebhookResource(WhatsAppConfig config, WebhookIntake intake, WhatsAppNormalizer normalizer, ReplyReceipts receipts) {
        super(config.verifyToken(), config.appSecret(), intake, normalizer::contacts);
        this.receipts = receipts;
    }

    @Override
    protected Runnable receiptsOf(byte[] body) throws IOException {
        List<DeliveryReceipts.Receipt> found = DeliveryReceipts.of(body, Instant.now());
        return found.isEmpty() ? null : () -> receipts.record(found);
    }
}
