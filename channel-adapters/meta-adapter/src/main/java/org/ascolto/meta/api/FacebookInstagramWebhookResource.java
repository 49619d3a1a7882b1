package org.ascolto.meta.api;

import jakarta.ws.rs.Path;

import org.ascolto.adapter.MetaWebhookResource;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.meta.config.MetaConfig;
import org.ascolto.meta.domain.MetaNormalizer;

/** The Facebook Page and Instagram webhook: direct messages and comments. */
@Path("/webhooks/meta")
public class FacebookInstagramWebhookResource extends MetaWebhookResource {

    public FacebookInstagramWebhookResource(MetaConfig config, WebhookIntake intake, MetaNormalizer normalizer) {
        super(config.verifyToken(), config.appSecret(), intake, normalizer::contacts);
    }
}
