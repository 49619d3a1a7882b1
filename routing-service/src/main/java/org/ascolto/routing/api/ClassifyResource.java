package org.ascolto.routing.api;

import java.util.List;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.contracts.RoutingDecision;
import org.ascolto.routing.domain.ContactClassifier;
import org.ascolto.support.security.Roles;
import org.ascolto.support.taxonomy.Taxonomy;

/**
 * How a message would route, without publishing anything (for integrators: a citizen's words are personal data), and
 * the taxonomy it routes into (public: it holds none).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClassifyResource {

    private final ContactClassifier classifier;
    private final Taxonomy taxonomy;

    public ClassifyResource(ContactClassifier classifier, Taxonomy taxonomy) {
        this.classifier = classifier;
        this.taxonomy = taxonomy;
    }

    @POST
    @Path("/classify")
    @RolesAllowed(Roles.INTEGRATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public RoutingDecision classify(@Valid @NotNull ClassifyRequest request) {
        return classifier.classify(request.text());
    }

    @GET
    @Path("/categories")
    public List<CategoryView> categories() {
        return new TreeMap<>(taxonomy.areas()).entrySet().stream()
                .map(entry -> new CategoryView(entry.getKey(), entry.getValue().nameIt(), entry.getValue().nameEn(),
                        entry.getValue().queue(), entry.getValue().slaHours(), entry.getValue().urgentSlaHours()))
                .toList();
    }
}
