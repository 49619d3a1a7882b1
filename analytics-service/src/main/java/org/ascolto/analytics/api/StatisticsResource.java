package org.ascolto.analytics.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.analytics.config.AnalyticsConfig;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.support.security.Roles;

/** How citizens reach the city: contacts per channel over time, categories, journeys, the year so far (for analysts). */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
public class StatisticsResource {

    private final StatisticsViews views;
    private final AnalyticsConfig config;

    public StatisticsResource(StatisticsViews views, AnalyticsConfig config) {
        this.views = views;
        this.config = config;
    }

    /** Totals per channel since the beginning; with any of from, to, granularity: the windows of that range (default: the last 24 hours by hour). */
    @GET
    @Path("/channels")
    public StatisticsViews.ChannelCounts channels(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity) {
        if (from == null && to == null && granularity == null) {
            return views.totals();
        }
        Instant end = instant(to, Instant.now());
        try {
            return views.channels(granularity(granularity), instant(from, end.minus(Duration.ofDays(1))), end);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Routed contacts per category and channel, and the urgent share (default: today). */
    @GET
    @Path("/categories")
    public StatisticsViews.Categories categories(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = instant(to, Instant.now());
        return views.categories(instant(from, Granularity.DAY.windowStart(end, views.zone())), end);
    }

    /** Repeat contacts and channel switches (default: the last journey window, 7 days). */
    @GET
    @Path("/journeys")
    public StatisticsViews.Journeys journeys(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = instant(to, Instant.now());
        return views.journeys(instant(from, end.minus(config.journeyWindow())), end);
    }

    /** Contacts per channel since January 1st, next to the city's published annual figures. */
    @GET
    @Path("/year-to-date")
    public StatisticsViews.YearToDate yearToDate() {
        return views.yearToDate();
    }

    /** What the dashboard shows. */
    @GET
    @Path("/overview")
    public StatisticsViews.Overview overview() {
        return views.overview();
    }

    private Granularity granularity(String name) {
        if (name == null) {
            return Granularity.HOUR;
        }
        try {
            return Granularity.valueOf(name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("granularity is minute, hour or day");
        }
    }

    /** An ISO-8601 instant, or a date meaning its local midnight. */
    private Instant instant(String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(views.zone()).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("not an ISO-8601 instant or date: " + value);
        }
    }
}
