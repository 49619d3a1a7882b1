package org.ascolto.meta.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Path;

import org.ascolto.adapter.MetaWebhookResource;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.meta.config.MetaConfig;
import org.ascolto.meta.domain.MessengerReceipts;
import org.ascolto.meta.domain.MetaNormalizer;
import org.ascolto.meta.messaging.ReplyReceipts;

/** The Facebook Page and Instagram webhook: direct messages and comments become contacts, the receipts of our replies their statuses. */
@Path("/webhooks/meta")
public class FacebookInstagramWebhookResource extends MetaWebhookResource {

    private final ReplyReceipts receipts;

    public FacebookInstagramWebhookResource(MetaConfig config, WebhookIntake intake, MetaNormalizer normalizer, ReplyReceipts receipts) {
        super(config.verifyToken(), config.appSecret(), intake, normalizer::contacts);
        this.receipts = receipts;
    }

    @Override
    protected Runnable receiptsOf(byte[] body) throws IOException {
        List<MessengerReceipts.Receipt> found = MessengerReceipts.of(body, Instant.now());
        return found.isEmpty() ? null : () -> receipts.record(found);
    }
}
