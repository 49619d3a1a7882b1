package org.ascolto.console;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * The Content-Security-Policy of every answer: scripts and styles from the console only; images from the console and
 * the map's tile server only; calls to the case API and the identity provider only. Written here, not in
 * application.properties, because the tile server's origin has to be taken out of its URL template.
 */
@Singleton
public class ContentSecurityPolicy {

    private static final String HEADER = "Content-Security-Policy";

    void addToEveryAnswer(@Observes Filters filters, ConsoleConfig config) {
        String policy = policy(config.caseApiUrl(), config.identityUrl(), config.mapTilesUrl());
        filters.register(request -> {
            request.response().putHeader(HEADER, policy);
            request.next();
        }, 100);
    }

    static String policy(String caseApiUrl, String identityUrl, String mapTilesUrl) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' " + tileOrigin(mapTilesUrl)
                + "; connect-src 'self' " + caseApiUrl + "/ " + identityUrl + "/; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** The origin (scheme, host, port) of a tile URL template; the console does not start with a template it cannot use. */
    static String tileOrigin(String template) {
        if (!template.contains("{z}") || !template.contains("{x}") || !template.contains("{y}")) {
            throw new IllegalArgumentException("ascolto.console.map-tiles-url needs {z}, {x} and {y}: " + template);
        }
        URI url;
        try {
            url = new URI(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("ascolto.console.map-tiles-url is not a URL: " + template, e);
        }
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("ascolto.console.map-tiles-url must be an http(s) URL with a host and no user: " + template);
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }
}
