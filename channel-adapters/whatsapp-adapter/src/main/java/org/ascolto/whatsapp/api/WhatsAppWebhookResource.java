package org.ascolto.whatsapp.api;

import jakarta.ws.rs.Path;

import org.ascolto.adapter.MetaWebhookResource;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.whatsapp.config.WhatsAppConfig;
import org.ascolto.whatsapp.domain.WhatsAppNormalizer;

/** The WhatsApp Cloud API webhook. */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource extends MetaWebhookResource {

    public WhatsAppWebhookResource(WhatsAppConfig config, WebhookIntake intake, WhatsAppNormalizer normalizer) {
        super(config.verifyToken(), config.appSecret(), intake, normalizer::contacts);
    }
}
