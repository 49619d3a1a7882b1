package org.ascolto.analytics.api;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.analytics.streams.AnalyticsStreams;

/** How many contacts reached the city on each channel. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelStatsResource {

    public record ChannelCounts(Map<String, Long> channels, long total) {
    }

    private final AnalyticsStreams streams;

    public ChannelStatsResource(AnalyticsStreams streams) {
        this.streams = streams;
    }

    @GET
    @Path("/channels")
    public ChannelCounts channels() {
        if (!streams.isRunning()) {
            throw new ServiceUnavailableException("statistics are being restored (" + streams.state() + "); retry shortly");
        }
        Map<String, Long> counts = streams.contactsPerChannel();
        return new ChannelCounts(counts, counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
