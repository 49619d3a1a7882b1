package org.ascolto.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the pages read before anything else: where to log in, which API to call and the map's tiles, as this deployment is set up. */
@Path("/config.json")
public class ConsoleConfigResource {

    /** The settings as the browser reads them. */
    public record PageConfig(String identityUrl, String clientId, String caseApiUrl, String mapTilesUrl, String mapAttribution,
            String mapAttributionUrl) {
    }

    private final PageConfig page;

    public ConsoleConfigResource(ConsoleConfig config) {
        this.page = new PageConfig(config.identityUrl(), config.clientId(), config.caseApiUrl(), config.mapTilesUrl(),
                config.mapAttribution(), config.mapAttributionUrl());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PageConfig config() {
        return page;
    }
}
