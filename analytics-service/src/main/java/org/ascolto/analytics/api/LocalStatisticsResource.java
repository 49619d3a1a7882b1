package org.ascolto.analytics.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.analytics.cluster.ClusterStatistics;
import org.ascolto.analytics.cluster.PeerStatisticsClient;
import org.ascolto.analytics.streams.CountsQuery;
import org.ascolto.analytics.streams.LocalCounts;
import org.ascolto.support.security.Roles;

/** This instance's share of the counts, for the instance that answers an analyst ({@link ClusterStatistics}). */
@Path(PeerStatisticsClient.PATH)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
public class LocalStatisticsResource {

    private final ClusterStatistics statistics;

    public LocalStatisticsResource(ClusterStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    public LocalCounts local(@QueryParam("granularity") String granularity, @QueryParam("from") Long from,
            @QueryParam("to") Long to) {
        CountsQuery query;
        try {
            query = CountsQuery.of(granularity, from, to);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        return statistics.localShare(query);
    }
}
