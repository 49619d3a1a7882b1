package org.ascolto.analytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;

import org.apache.kafka.streams.state.HostInfo;
import org.ascolto.analytics.streams.CountsQuery;
import org.ascolto.analytics.streams.LocalCounts;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks another instance for the counts of the partitions it owns ({@code GET /api/v1/stats/local}), with the
 * caller's own bearer token: an instance answers an analyst, whoever forwards the question.
 */
@ApplicationScoped
public class PeerStatisticsClient {

    /** The peer's API path, served by {@code LocalStatisticsResource}. */
    public static final String PATH = "/api/v1/stats/local";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;
    private final JsonWebToken caller;

    public PeerStatisticsClient(ObjectMapper json, JsonWebToken caller) {
        this.json = json;
        this.caller = caller;
    }

    CompletableFuture<LocalCounts> ask(HostInfo peer, CountsQuery query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + PATH + parameters(query)))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + caller.getRawToken()).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null || response.statusCode() == 503) {
                // a peer that stops, starts or restores: the partitions are moving
                throw ClusterStatistics.moving();
            }
            if (response.statusCode() != 200) {
                throw new ServiceUnavailableException("the analytics instance " + peer + " answered " + response.statusCode());
            }
            try {
                return json.readValue(response.body(), LocalCounts.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The query as the peer reads it: nothing for the totals, else granularity and the range in epoch milliseconds. */
    private static String parameters(CountsQuery query) {
        return query.totals() ? "" : "?granularity=" + query.granularity().name().toLowerCase() + "&from="
                + query.from().toEpochMilli() + "&to=" + query.to().toEpochMilli();
    }
}
