package org.ascolto.open311.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.ChannelMetrics;
import org.ascolto.adapter.ContactPublisher;
import org.ascolto.adapter.IdempotencyKeyReusedException;
import org.ascolto.adapter.InvalidContactException;
import org.ascolto.adapter.PublishFailedException;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.open311.config.Open311Config;
import org.ascolto.open311.domain.InvalidRequestException;
import org.ascolto.open311.domain.RequestNormalizer;
import org.ascolto.open311.domain.ServiceRequest;
import org.ascolto.open311.persistence.Open311Clients;
import org.ascolto.open311.persistence.ServiceRequests;
import org.ascolto.support.taxonomy.Taxonomy;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Open311 GeoReport v2 for existing civic apps: discovery, services (the taxonomy), service requests (the cases, as
 * the case events tell them) and tokens, each as {@code .json} or {@code .xml}, errors in the spec's error format.
 * {@code POST requests} is the {@code open311} intake channel, for civic apps with an {@code api_key} of the city: the
 * token is the contact id, answered once Kafka acknowledged the contact; an {@code Idempotency-Key} makes a resent
 * request the same contact.
 */
@Path("/open311/v2")
@Tag(name = "open311", description = "Open311 GeoReport v2")
public class Open311Resource {

    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_SPAN = Duration.ofDays(90);
    private static final Instant CHANGESET = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final Open311Config config;
    private final Taxonomy taxonomy;
    private final ServiceRequests requests;
    private final Open311Clients clients;
    private final RequestNormalizer normalizer;
    private final ContactPublisher publisher;
    private final ChannelMetrics metrics;
    private final ObjectMapper json;

    public Open311Resource(Open311Config config, Taxonomy taxonomy, ServiceRequests requests, Open311Clients clients,
            RequestNormalizer normalizer, ContactPublisher publisher, ChannelMetrics metrics, ObjectMapper json) {
        this.config = config;
        this.taxonomy = taxonomy;
        this.requests = requests;
        this.clients = clients;
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = json;
    }

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "Open311 discovery document")
    public Response discovery(@PathParam("format") String format) {
        Open311Format f = Open311Format.of(format);
        Open311.Endpoint endpoint = new Open311.Endpoint(Open311.SPECIFICATION, config.baseUrl(), CHANGESET,
                "production", List.of(Open311Format.XML.mediaType, Open311Format.JSON.mediaType));
        return f.answer(json, "discovery", null, new Open311.Discovery(CHANGESET, config.contact(), config.contact(), List.of(endpoint)));
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "The service areas citizens can report to")
    public Response services(@PathParam("format") String format, @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = checked(format, jurisdiction);
        List<Open311.Service> services = taxonomy.areas().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Open311.Service.of(e.getKey(), e.getValue()))
                .toList();
        return f.answer(json, "services", "service", services);
    }

    @GET
    @Path("/services/{code}.{format}")
    @Operation(summary = "The definition of one service: it asks for no extra attributes")
    public Response service(@PathParam("code") String code, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = checked(format, jurisdiction);
        if (!taxonomy.areas().containsKey(code)) {
            throw new Open311Format.Failure(f, 404, "service_code " + code + " not found");
        }
        return f.answer(json, "service_definition", null, new Open311.ServiceDefinition(code, List.of()));
    }

    @GET
    @Path("/requests.{format}")
    @Blocking
    @Operation(summary = "Service requests: by id (comma-separated), or by service code, status and a date range of at most 90 days")
    public Response requests(@PathParam("format") String format, @QueryParam("jurisdiction_id") String jurisdiction,
            @QueryParam("service_request_id") String ids, @QueryParam("service_code") String serviceCodes,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("status") String status) {
        Open311Format f = checked(format, jurisdiction);
        List<ServiceRequest> found = ids != null && !ids.isBlank()
                ? requests.byReferences(split(ids))
                : search(f, serviceCodes, startDate, endDate, status);
        return f.answer(json, "service_requests", "request", found.stream().map(r -> Open311.Request.of(r, taxonomy)).toList());
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Blocking
    @Operation(summary = "One service request")
    public Response request(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = checked(format, jurisdiction);
        ServiceRequest found = requests.byReference(id)
                .orElseThrow(() -> new Open311Format.Failure(f, 404, "service_request_id " + id + " not found"));
        return f.answer(json, "service_requests", "request", List.of(Open311.Request.of(found, taxonomy)));
    }

    @GET
    @Path("/tokens/{token}.{format}")
    @Blocking
    @Operation(summary = "The service request id of a token, once the request has become a case")
    public Response token(@PathParam("token") String token, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Open311Format f = checked(format, jurisdiction);
        String reference = uuid(token).flatMap(requests::referenceOfToken)
                .orElseThrow(() -> new Open311Format.Failure(f, 404, "token " + token + " not found, or its request is not processed yet"));
        return f.answer(json, "service_requests", "request", List.of(new Open311.RequestReceipt(token, reference, null)));
    }

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Blocking
    @Operation(summary = "Report a new request (the open311 channel, with the civic app's api_key); answers a token once Kafka acknowledged it")
    public Uni<Response> create(@PathParam("format") String format, String body,
            @RestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{8,128}") String idempotencyKey) {
        Map<String, String> form = form(Open311Format.of(format), body);
        Open311Format f = checked(format, form.get("jurisdiction_id"));
        String apiKey = form.get("api_key");
        if (apiKey == null || apiKey.isBlank() || clients.clientOf(apiKey.trim()).isEmpty()) {
            throw new Open311Format.Failure(f, 403, "api_key is missing, unknown or revoked: ask the city for a key");
        }
        CitizenContact contact;
        try {
            contact = normalizer.contact(form, idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString(),
                    Instant.now());
        } catch (InvalidRequestException e) {
            throw new Open311Format.Failure(f, 400, e.getMessage());
        }
        String token = contact.contactId().toString();
        Uni<Void> published;
        try {
            published = idempotencyKey != null ? publisher.publishIdempotent(contact) : publisher.publish(contact);
        } catch (InvalidContactException e) {
            throw new Open311Format.Failure(f, 400, e.getMessage());
        } catch (IdempotencyKeyReusedException e) {
            throw new Open311Format.Failure(f, 422, e.getMessage());
        }
        return published
                .map(done -> f.answer(json, "service_requests", "request",
                        List.of(new Open311.RequestReceipt(token, null, "Use the token to get the service_request_id"))))
                .onFailure(PublishFailedException.class).recoverWithItem(e -> Response
                        .fromResponse(f.error(json, 503, "The request could not be stored right now; nothing was accepted. Retry later."))
                        .header("Retry-After", "5").build());
    }

    @ServerExceptionMapper
    public Response open311Error(Open311Format.Failure e) {
        return refused(e.format, e.status, e.getMessage());
    }

    /** Errors the framework raises (a malformed form, a bad header) are answered in Open311's format too. */
    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        return refused(Open311Format.JSON, e.getResponse().getStatus(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidHeader(ConstraintViolationException e) {
        return refused(Open311Format.JSON, 400, "Idempotency-Key must be 8 to 128 letters, digits or . _ : -");
    }

    private Response refused(Open311Format format, int status, String description) {
        metrics.rejected(status);
        return format.error(json, status, description);
    }

    private List<ServiceRequest> search(Open311Format f, String serviceCodes, String startDate, String endDate, String status) {
        Instant end = endDate == null ? Instant.now() : date(f, "end_date", endDate);
        Instant start = startDate == null ? end.minus(MAX_SPAN) : date(f, "start_date", startDate);
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0 || end.isBefore(start)) {
            throw new Open311Format.Failure(f, 400, "start_date to end_date must be a range of at most 90 days");
        }
        List<String> statuses = new ArrayList<>();
        for (String one : status == null ? List.<String>of() : split(status)) {
            switch (one) {
                case "open" -> statuses.addAll(List.of("NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_CITIZEN"));
                case "closed" -> statuses.addAll(List.of("RESOLVED", "CLOSED"));
                default -> throw new Open311Format.Failure(f, 400, "status must be open or closed");
            }
        }
        return requests.search(start, end, serviceCodes == null ? List.of() : split(serviceCodes), statuses, MAX_REQUESTS);
    }

    /** The format of the path, once the jurisdiction (when named) is this city's. */
    private Open311Format checked(String format, String jurisdiction) {
        Open311Format f = Open311Format.of(format);
        if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.equals(config.jurisdictionId())) {
            throw new Open311Format.Failure(f, 404, "jurisdiction_id " + jurisdiction + " not found");
        }
        return f;
    }

    /**
     * The fields of an application/x-www-form-urlencoded body, the first value of each. Read here rather than by the
     * framework, whose reader answers 500 to a body that is not a form (a stray %, random bytes): this one answers 400.
     */
    private static Map<String, String> form(Open311Format f, String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Open311Format.Failure(f, 400, "the body is not a form (application/x-www-form-urlencoded): a % without two hex digits");
            }
        }
        return fields;
    }

    private static Instant date(Open311Format f, String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Format.Failure(f, 400, name + " must be a W3C date-time such as 2026-11-23T09:00:00+01:00");
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
