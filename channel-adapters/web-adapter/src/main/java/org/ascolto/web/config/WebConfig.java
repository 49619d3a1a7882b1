package org.ascolto.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Scrivi portal intake. */
@ConfigMapping(prefix = "ascolto.web")
public interface WebConfig {

    /**
     * Whether the codice fiscale a citizen gives on the form travels with the contact (ASCOLTO_WEB_KEEP_FISCAL_CODE). Off
     * unless the city's offices need it: a malformed one is still refused, so the citizen can correct it.
     */
    @WithDefault("false")
    boolean keepFiscalCode();
}
