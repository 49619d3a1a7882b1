package org.ascolto.simulator.channels;

import java.net.URI;

import org.ascolto.simulator.traffic.Channel;

/** Where the adapters listen and the secrets they check; the defaults are the local run's (the same variables as the adapters). */
public record AdapterEndpoints(String host, String whatsappAppSecret, String metaAppSecret, String phoneSigningSecret,
        String emailSigningSecret) {

    public static AdapterEndpoints fromEnvironment(String host) {
        return new AdapterEndpoints(host,
                env("ASCOLTO_WHATSAPP_APP_SECRET", "local-whatsapp-app-secret"),
                env("ASCOLTO_META_APP_SECRET", "local-meta-app-secret"),
                env("ASCOLTO_PHONE_SIGNING_SECRET", "local-phone-signing-secret"),
                env("ASCOLTO_EMAIL_SIGNING_SECRET", "local-email-signing-secret"));
    }

    public URI intake(Channel channel) {
        return URI.create("http://" + host + switch (channel) {
            case WEB -> ":8081/api/v1/requests";
            case WHATSAPP -> ":8082/webhooks/whatsapp";
            case FACEBOOK, INSTAGRAM -> ":8083/webhooks/meta";
            case PHONE -> ":8084/api/v1/contact-records";
            case EMAIL -> ":8091/api/v1/messages";
        });
    }

    /** The adapter's readiness check on its management port (the API's + 1000), to tell a channel that is down from one that refuses. */
    public URI readiness(Channel channel) {
        URI intake = intake(channel);
        return URI.create("http://" + host + ":" + (intake.getPort() + 1000) + "/q/health/ready");
    }

    private static String env(String name, String localDefault) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? localDefault : value;
    }
}
