package org.ascolto.meta.config;

import io.smallrye.config.ConfigMapping;

/** The Meta app subscribed to the city's Facebook Page and Instagram account. */
@ConfigMapping(prefix = "ascolto.meta")
public interface MetaConfig {

    /** The token Meta echoes in the subscription handshake, as set in the app dashboard. */
    String verifyToken();

    /** The app secret Meta signs every webhook body with. */
    String appSecret();
}
