package org.ascolto.cases.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.ContactPublisher;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.adapter.PublishFailedException;
import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CaseContact;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Open311 GeoReport v2 for existing civic apps: discovery, services (the taxonomy), service requests
 * (the cases) and tokens, each as {@code .json} or {@code .xml}, errors in the spec's error format.
 * {@code POST requests} is the {@code open311} intake channel: the token is the contact id.
 */
@Path("/open311/v2")
@Tag(name = "open311", description = "Open311 GeoReport v2")
public class Open311Resource {

    static final String CHANNEL = "open311";
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_REQUESTS = 1000;
    static final Duration MAX_SPAN = Duration.ofDays(90);
    private static final Instant CHANGESET = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final CaseConfig config;
    private final AdapterConfig adapterConfig;
    private final CitizenKeys keys;
    private final ContactPublisher publisher;
    private final ObjectMapper json;

    public Open311Resource(CaseConfig config, AdapterConfig adapterConfig, CitizenKeys keys, ContactPublisher publisher,
            ObjectMapper json) {
        this.config = config;
        this.adapterConfig = adapterConfig;
        this.keys = keys;
        this.publisher = publisher;
        this.json = json;
    }

    @GET
    @Path("/discovery.{format}")
    @Operation(summary = "Open311 discovery document")
    public Response discovery(@PathParam("format") String format) {
        Format f = Format.of(format);
        Open311.Endpoint endpoint = new Open311.Endpoint(Open311.SPECIFICATION, config.open311().baseUrl(), CHANGESET,
                "production", List.of(Format.XML.mediaType, Format.JSON.mediaType));
        return f.answer(json, "discovery", null, new Open311.Discovery(CHANGESET, config.open311().contact(),
                config.open311().contact(), List.of(endpoint)));
    }

    @GET
    @Path("/services.{format}")
    @Operation(summary = "The service areas citizens can report to")
    public Response services(@PathParam("format") String format, @QueryParam("jurisdiction_id") String jurisdiction) {
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        List<Open311.Service> services = config.services().entrySet().stream()
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
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        if (!config.services().containsKey(code)) {
            throw new Open311Exception(f, 404, "service_code " + code + " not found");
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
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        List<CitizenCase> found;
        if (ids != null && !ids.isBlank()) {
            found = CitizenCase.list("reference in ?1 order by openedAt desc", split(ids));
        } else {
            found = search(f, serviceCodes, startDate, endDate, status);
        }
        return f.answer(json, "service_requests", "request", found.stream().map(c -> Open311.ServiceRequest.of(c, config)).toList());
    }

    @GET
    @Path("/requests/{id}.{format}")
    @Blocking
    @Operation(summary = "One service request")
    public Response request(@PathParam("id") String id, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        CitizenCase found = CitizenCase.<CitizenCase>find("reference", id).firstResult();
        if (found == null) {
            throw new Open311Exception(f, 404, "service_request_id " + id + " not found");
        }
        return f.answer(json, "service_requests", "request", List.of(Open311.ServiceRequest.of(found, config)));
    }

    @GET
    @Path("/tokens/{token}.{format}")
    @Blocking
    @Operation(summary = "The service request id of a token, once the request has become a case")
    public Response token(@PathParam("token") String token, @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdiction) {
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        CaseContact contact = parseUuid(token).map(id -> CaseContact.<CaseContact>findById(id)).orElse(null);
        if (contact == null) {
            throw new Open311Exception(f, 404, "token " + token + " not found, or its request is not processed yet");
        }
        CitizenCase thread = CitizenCase.findById(contact.caseId);
        return f.answer(json, "service_requests", "request", List.of(new Open311.RequestReceipt(token, thread.reference, null)));
    }

    @POST
    @Path("/requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Report a new request (the open311 channel); answers a token, answered after Kafka acknowledged it")
    public Uni<Response> create(@PathParam("format") String format, @FormParam("jurisdiction_id") String jurisdiction,
            @FormParam("service_code") String serviceCode, @FormParam("lat") String lat, @FormParam("long") String lon,
            @FormParam("address_string") String address, @FormParam("address_id") String addressId,
            @FormParam("email") String email, @FormParam("device_id") String deviceId,
            @FormParam("account_id") String accountId, @FormParam("first_name") String firstName,
            @FormParam("last_name") String lastName, @FormParam("phone") String phone,
            @FormParam("description") String description, @FormParam("media_url") String mediaUrl) {
        Format f = Format.of(format);
        checkJurisdiction(f, jurisdiction);
        if (serviceCode == null || !config.services().containsKey(serviceCode)) {
            throw new Open311Exception(f, 400, "service_code is required and must be one of " + config.services().keySet());
        }
        Double latitude = number(f, "lat", lat);
        Double longitude = number(f, "long", lon);
        if ((latitude == null || longitude == null) && blank(address) && blank(addressId)) {
            throw new Open311Exception(f, 400, "a location is required: lat and long, address_string or address_id");
        }
        if (blank(description) && blank(mediaUrl)) {
            throw new Open311Exception(f, 400, "description is required (or media_url)");
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new Open311Exception(f, 400, "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        String e164 = null;
        if (!blank(phone)) {
            e164 = PhoneNumbers.toE164(phone, adapterConfig.defaultPhoneRegion())
                    .orElseThrow(() -> new Open311Exception(f, 400, "phone is not a valid phone number"));
        }
        String externalId = UUID.randomUUID().toString();
        String userId = blank(accountId) ? deviceId : accountId;
        String citizenKey = e164 != null ? keys.phone(e164)
                : !blank(email) ? keys.email(email)
                : keys.account(CHANNEL, blank(userId) ? externalId : userId);
        String name = String.join(" ", List.of(Optional.ofNullable(firstName).orElse(""), Optional.ofNullable(lastName).orElse(""))).trim();
        Instant now = Instant.now();
        CitizenContact contact = new CitizenContact(ContactIds.of(CHANNEL, externalId), CHANNEL, externalId, now, now,
                new CitizenContact.Citizen(citizenKey, name.isEmpty() ? null : name, e164, blank(email) ? null : email.trim(),
                        blank(userId) ? null : userId),
                config.services().get(serviceCode).name(), description == null ? "" : description, null,
                latitude == null && blank(address) ? null : new CitizenContact.Location(latitude, longitude, blank(address) ? null : address),
                blank(mediaUrl) ? List.of() : List.of(new CitizenContact.Attachment(mediaUrl, null)),
                null, metadata(serviceCode, addressId), CitizenContact.SCHEMA_VERSION);
        List<String> violations = EventSchema.CITIZEN_CONTACT.violations(EventJson.tree(contact));
        if (!violations.isEmpty()) {
            throw new Open311Exception(f, 400, "invalid request: " + String.join("; ", violations));
        }
        String token = contact.contactId().toString();
        return publisher.publish(contact)
                .map(done -> f.answer(json, "service_requests", "request",
                        List.of(new Open311.RequestReceipt(token, null, "Use the token to get the service_request_id"))))
                .onFailure(PublishFailedException.class).recoverWithItem(e -> Response
                        .fromResponse(f.error(json, 503, "The request could not be stored right now; nothing was accepted. Retry later."))
                        .header("Retry-After", "5").build());
    }

    @ServerExceptionMapper
    public Response open311Error(Open311Exception e) {
        return e.format.error(json, e.status, e.getMessage());
    }

    private List<CitizenCase> search(Format f, String serviceCodes, String startDate, String endDate, String status) {
        Instant end = endDate == null ? Instant.now() : date(f, "end_date", endDate);
        Instant start = startDate == null ? end.minus(MAX_SPAN) : date(f, "start_date", startDate);
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0 || end.isBefore(start)) {
            throw new Open311Exception(f, 400, "start_date to end_date must be a range of at most 90 days");
        }
        StringBuilder query = new StringBuilder("openedAt >= :start and openedAt <= :end");
        Map<String, Object> params = new HashMap<>(Map.of("start", start, "end", end));
        if (serviceCodes != null && !serviceCodes.isBlank()) {
            query.append(" and category in :codes");
            params.put("codes", split(serviceCodes));
        }
        if (status != null && !status.isBlank()) {
            List<CaseStatus> statuses = new ArrayList<>();
            for (String one : split(status)) {
                switch (one) {
                    case "open" -> statuses.addAll(CaseStatus.OPEN);
                    case "closed" -> statuses.addAll(EnumSet.of(CaseStatus.RESOLVED, CaseStatus.CLOSED));
                    default -> throw new Open311Exception(f, 400, "status must be open or closed");
                }
            }
            query.append(" and status in :statuses");
            params.put("statuses", statuses);
        }
        return CitizenCase.<CitizenCase>find(query + " order by openedAt desc", params).range(0, MAX_REQUESTS - 1).list();
    }

    private void checkJurisdiction(Format f, String jurisdiction) {
        if (jurisdiction != null && !jurisdiction.isBlank() && !jurisdiction.equals(config.open311().jurisdictionId())) {
            throw new Open311Exception(f, 404, "jurisdiction_id " + jurisdiction + " not found");
        }
    }

    private static Map<String, String> metadata(String serviceCode, String addressId) {
        return blank(addressId) ? Map.of("serviceCode", serviceCode) : Map.of("serviceCode", serviceCode, "addressId", addressId);
    }

    private static Instant date(Format f, String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Exception(f, 400, name + " must be a W3C date-time such as 2026-11-23T09:00:00+01:00");
        }
    }

    private static Double number(Format f, String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new Open311Exception(f, 400, name + " must be a decimal number");
        }
    }

    private static Optional<UUID> parseUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> split(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The response formats Open311 defines, named by the path's extension. */
    enum Format {
        JSON("application/json"), XML("text/xml");

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        static Format of(String extension) {
            return switch (extension) {
                case "json" -> JSON;
                case "xml" -> XML;
                default -> throw new Open311Exception(JSON, 400, "format must be json or xml, not " + extension);
            };
        }

        Response answer(ObjectMapper json, String root, String item, Object document) {
            return answer(json, 200, root, item, document);
        }

        Response error(ObjectMapper json, int status, String description) {
            return answer(json, status, "errors", "error", List.of(new Open311.Error(status, description)));
        }

        private Response answer(ObjectMapper json, int status, String root, String item, Object document) {
            Object body = this == JSON ? document : Open311Xml.write(root, item, json.valueToTree(document));
            return Response.status(status).type(mediaType + ";charset=UTF-8").entity(body).build();
        }
    }

    /** An Open311 error, answered in the request's format. */
    static class Open311Exception extends RuntimeException {
        final Format format;
        final int status;

        Open311Exception(Format format, int status, String description) {
            super(description);
            this.format = format;
            this.status = status;
        }
    }
}
