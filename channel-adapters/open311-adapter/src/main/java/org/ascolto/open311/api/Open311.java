package org.ascolto.open311.api;

import java.time.Instant;
import java.util.List;

import org.ascolto.open311.domain.ServiceRequest;
import org.ascolto.support.taxonomy.Taxonomy;

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

        static Service of(String code, Taxonomy.Area area) {
            return new Service(code, area.nameIt(), area.description().orElse(null), false, "realtime",
                    area.keywords().orElse(null), area.group().orElse(null));
        }
    }

    /** No service asks for attributes beyond the standard fields. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServiceDefinition(String serviceCode, List<Object> attributes) {
    }

    /** A service request as Open311 shows it: its status and where it is, not what the citizen wrote. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String serviceRequestId, String status, String statusNotes, String serviceName,
            String serviceCode, String agencyResponsible, Instant requestedDatetime, Instant updatedDatetime,
            Instant expectedDatetime) {

        static Request of(ServiceRequest request, Taxonomy taxonomy) {
            Taxonomy.Area area = taxonomy.areas().get(request.category());
            return new Request(request.reference(), request.open311Status(), request.statusNotes(),
                    area == null ? null : area.nameIt(), request.category(), request.queue(), request.openedAt(),
                    request.updatedAt(), request.slaDueAt());
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
