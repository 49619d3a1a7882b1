package org.ascolto.whatsapp.api;

import java.io.IOException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.VerificationHandshake;
import org.ascolto.adapter.WebhookIntake;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.whatsapp.config.WhatsAppConfig;
import org.ascolto.whatsapp.domain.WhatsAppNormalizer;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The WhatsApp Cloud API webhook: Meta's subscription handshake and signed message notifications. */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource {

    private final WhatsAppConfig config;
    private final WebhookSignature signature;
    private final WebhookIntake intake;
    private final WhatsAppNormalizer normalizer;

    public WhatsAppWebhookResource(WhatsAppConfig config, WebhookIntake intake, WhatsAppNormalizer normalizer) {
        this.config = config;
        this.signature = new WebhookSignature(config.appSecret());
        this.intake = intake;
        this.normalizer = normalizer;
    }

    @GET
    public Response verify(@RestQuery("hub.mode") String mode, @RestQuery("hub.verify_token") String verifyToken,
            @RestQuery("hub.challenge") String challenge) {
        return VerificationHandshake.answer(mode, verifyToken, challenge, config.verifyToken());
    }

    /** Answers 200 only once Kafka acknowledged every message in the notification; Meta retries anything else. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signatureHeader) throws IOException {
        return intake.accept(body, signatureHeader, signature, normalizer::contacts)
                .replaceWith(() -> Response.ok().build());
    }
}
