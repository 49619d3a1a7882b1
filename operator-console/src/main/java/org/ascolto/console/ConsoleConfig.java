package org.ascolto.console;

import io.smallrye.config.ConfigMapping;

/** Where the console's pages find the city's identity provider and the case API; none has a production default. */
@ConfigMapping(prefix = "ascolto.console")
public interface ConsoleConfig {

    /** The identity provider's realm URL, the issuer of the tokens (ASCOLTO_CONSOLE_IDENTITY_URL). */
    String identityUrl();

    /** The console's OIDC client, public, with PKCE (ASCOLTO_CONSOLE_CLIENT_ID). */
    String clientId();

    /** The case service's public base URL (ASCOLTO_CONSOLE_CASE_API_URL). */
    String caseApiUrl();
}
