package org.ascolto.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the console's pages find the city's identity provider and the case API, which have no production default, and
 * the tiles of the small maps, OpenStreetMap's unless set.
 */
@ConfigMapping(prefix = "ascolto.console")
public interface ConsoleConfig {

    /** The identity provider's realm URL, the issuer of the tokens (ASCOLTO_CONSOLE_IDENTITY_URL). */
    String identityUrl();

    /** The console's OIDC client, public, with PKCE (ASCOLTO_CONSOLE_CLIENT_ID). */
    String clientId();

    /** The case service's public base URL (ASCOLTO_CONSOLE_CASE_API_URL). */
    String caseApiUrl();

    /** The slippy-map tile server, {z}, {x} and {y} in the template; its host is the only one images come from (ASCOLTO_CONSOLE_MAP_TILES_URL). */
    @WithDefault("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    String mapTilesUrl();

    /** What the tile server's licence asks the map to say (ASCOLTO_CONSOLE_MAP_ATTRIBUTION). */
    @WithDefault("© OpenStreetMap contributors")
    String mapAttribution();

    /** Where the attribution links to (ASCOLTO_CONSOLE_MAP_ATTRIBUTION_URL). */
    @WithDefault("https://www.openstreetmap.org/copyright")
    String mapAttributionUrl();
}
