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

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The WhatsApp Cloud API webhook: citizens' messages become contacts, the receipts of our replies their statuses. */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource extends MetaWebhookResource {

    private final ReplyReceipts receipts;

    public WhatsAppWebhookResource(WhatsAppConfig config, WebhookIntake intake, WhatsAppNormalizer normalizer, ReplyReceipts receipts) {
        super(config.verifyToken(), config.appSecret(), intake, normalizer::contacts);
        this.receipts = receipts;
    }

    /**
     * Reading the receipts never blocks, and a notification without any is not parsed again (a byte scan); recording them
     * blocks (the database, Kafka): on a worker, only when there are some.
     */
    @Override
    protected Uni<Void> receipts(byte[] body) {
        List<DeliveryReceipts.Receipt> found;
        try {
            found = DeliveryReceipts.of(body, Instant.now());
        } catch (IOException e) {
            return Uni.createFrom().failure(e); // the contacts' normalizer read the same bytes first, so this does not happen
        }
        if (found.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().invoke(() -> receipts.record(found)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
