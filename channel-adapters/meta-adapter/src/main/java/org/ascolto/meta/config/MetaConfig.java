package org.ascolto.meta.config;

import java.time.Duration;

import org.ascolto.adapter.GraphApiSettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Meta app subscribed to the city's Facebook Page and Instagram account, and the Page that answers citizens. */
@ConfigMapping(prefix = "ascolto.meta")
public interface MetaConfig {

    /** The token Meta echoes in the subscription handshake, as set in the app dashboard. */
    String verifyToken();

    /** The app secret Meta signs every webhook body with. */
    String appSecret();

    Graph graph();

    Windows windows();

    /**
     * The Send API, {@code POST {baseUrl}/{page-id}/messages} with the Page access token: Messenger's, and Instagram's
     * for the professional account linked to the Page.
     */
    interface Graph extends GraphApiSettings {

        /** The city's Facebook Page, which sends on Messenger and for its linked Instagram account. */
        String pageId();
    }

    /** How long after the citizen wrote Meta lets a reply go, and as what. */
    interface Windows {

        /** Messenger's and Instagram's standard messaging window: a reply ({@code RESPONSE}) only this long after the citizen's message. */
        @WithDefault("PT24H")
        Duration response();

        /**
         * Whether a reply after the standard window goes with the {@code HUMAN_AGENT} tag, which Meta allows for a
         * person's answer up to {@link #humanAgentUntil()} after the citizen's message once the app was granted it.
         */
        @WithDefault("false")
        boolean humanAgent();

        @WithDefault("P7D")
        Duration humanAgentUntil();

        /** A comment gets one private reply, only this long after it was written. */
        @WithDefault("P7D")
        Duration privateReply();
    }
}
