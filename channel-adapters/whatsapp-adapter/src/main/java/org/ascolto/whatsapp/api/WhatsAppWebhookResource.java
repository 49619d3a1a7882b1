package org.ascolto.whatsapp.api;

import java.time.Instant;

import jakarta.ws.rs.Path;

import org.ascolto.adapter.MetaWebhookResource;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.whatsapp.config.WhatsAppConfig;
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

    /** Looking the replies up and waiting for Kafka blocks: on a worker, never on the event loop. */
    @Override
    protected Uni<Void> receipts(byte[] body) {
        Instant receivedAt = Instant.now();
        return Uni.createFrom().item(() -> {
            receipts.record(body, receivedAt);
            return true;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
    }
}
