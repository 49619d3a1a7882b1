package org.ascolto.routing.api;

import java.util.List;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.config.RoutingConfig;
import org.ascolto.routing.domain.ContactClassifier;

/** How a message would route, without publishing anything, and the taxonomy it routes into. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

    private final ContactClassifier classifier;
    private final RoutingConfig config;

    public ClassifyResource(ContactClassifier classifier, RoutingConfig config) {
        this.classifier = classifier;
        this.config = config;
    }

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    public RoutingDecision classify(@Valid @NotNull ClassifyRequest request) {
        return classifier.classify(request.text());
    }

    @GET
    @Path("/categories")
    public List<CategoryView> categories() {
        return new TreeMap<>(config.categories()).entrySet().stream()
                .map(entry -> new CategoryView(entry.getKey(), entry.getValue().nameIt(), entry.getValue().nameEn(),
                        entry.getValue().queue(), entry.getValue().slaHours(), entry.getValue().urgentSlaHours()))
                .toList();
    }
}
