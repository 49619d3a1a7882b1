package org.ascolto.whatsapp.config;

import java.time.Duration;
import java.util.Map;

import org.ascolto.adapter.GraphApiSettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The WhatsApp Cloud API app this adapter receives webhooks for and sends operators' replies through. */
@ConfigMapping(prefix = "ascolto.whatsapp")
public interface WhatsAppConfig {

    /** The token Meta echoes in the subscription handshake, as set in the app dashboard. */
    String verifyToken();

    /** The app secret Meta signs every webhook body with. */
    String appSecret();

    /** The Graph API that sends messages: {@code POST {baseUrl}/{phone-number-id}/messages}, with the WhatsApp Business Account's system user token. */
    GraphApiSettings graph();

    Template template();

    /**
     * The approved template sent instead of free text outside the customer-service window (24 hours after the citizen's
     * last message): it tells the citizen that case {{1}} has an answer and invites them to write, which opens the window.
     */
    interface Template {
        @WithDefault("ascolto_risposta_pratica")
        String name();

        /**
         * The approved template of each notice kind of the case service ({@code opened}, {@code waiting-citizen},
         * {@code resolved}), also with the case reference as {{1}}; a kind without one is sent as {@link #name()}.
         */
        Map<String, String> notices();

        /** The template's language code for each language of the citizen's contact (it=it, en=en_US, ...). */
        Map<String, String> languages();

        /** The language code for a contact in any other language. */
        @WithDefault("it")
        String defaultLanguage();

        /** WhatsApp's customer-service window: free text only this long after the citizen's last message. */
        @WithDefault("PT24H")
        Duration window();
    }
}
