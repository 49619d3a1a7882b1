package org.ascolto.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the routing service decided for one contact. */
public record RoutingDecision(
        String category,
        double confidence,
        boolean urgent,
        String language,
        String queue,
        Integer slaHours,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> reasons,
        String classifierVersion) {

    public RoutingDecision {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
