package org.ascolto.cases.api;

import java.time.Instant;
import java.util.List;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CitizenCase;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The documents of Open311 GeoReport v2, with the spec's field names. */
public final class Open311 {

    public static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    private Open311() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String serviceCode, String serviceName, String description, boolean metadata, String type,
            String keywords, String group) {

        static Service of(String code, CaseConfig.Service service) {
            return new Service(code, service.name(), service.description().orElse(null), false, "realtime",
                    service.keywords().orElse(null), service.group().orElse(null));
        }
    }

    /** No service asks for attributes beyond the standard fields. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceDefinition(String serviceCode, List<Object> attributes) {
    }

    /** A service request as Open311 shows it: its status and where it is, not what the citizen wrote. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceRequest(String serviceRequestId, String status, String statusNotes, String serviceName,
            String serviceCode, String agencyResponsible, Instant requestedDatetime, Instant updatedDatetime,
            Instant expectedDatetime) {

        static ServiceRequest of(CitizenCase c, CaseConfig config) {
            CaseConfig.Service service = config.services().get(c.category);
            return new ServiceRequest(c.reference, c.status.open311(), statusNotes(c), service == null ? null : service.name(),
                    c.category, c.queue, c.openedAt, c.updatedAt, c.slaDueAt);
        }

        private static String statusNotes(CitizenCase c) {
            return switch (c.status) {
                case NEW -> "Received";
                case ASSIGNED -> "Assigned to an operator";
                case IN_PROGRESS -> "In progress";
                case WAITING_CITIZEN -> "Waiting for information from the citizen";
                case RESOLVED -> "Resolved";
                case CLOSED -> "Closed";
            };
        }
    }

    /** The answer to a new request, and to a token once its request exists. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestReceipt(String token, String serviceRequestId, String serviceNotice) {
    }

    public record Error(int code, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Discovery(Instant changeset, String contact, String keyService, List<Endpoint> endpoints) {
    }

    public record Endpoint(String specification, String url, Instant changeset, String type, List<String> formats) {
    }
}
