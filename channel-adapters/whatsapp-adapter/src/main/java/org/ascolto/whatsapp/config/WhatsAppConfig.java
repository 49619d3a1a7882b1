package org.ascolto.whatsapp.config;

import io.smallrye.config.ConfigMapping;

/** The WhatsApp Cloud API app this adapter receives webhooks for. */
@ConfigMapping(prefix = "ascolto.whatsapp")
public interface WhatsAppConfig {

    /** The token Meta echoes in the subscription handshake, as set in the app dashboard. */
    String verifyToken();

    /** The app secret Meta signs every webhook body with. */
    String appSecret();
}
