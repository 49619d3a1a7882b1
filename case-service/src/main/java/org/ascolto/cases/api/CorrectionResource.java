package org.ascolto.cases.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.cases.persistence.CategoryCorrections;
import org.ascolto.support.security.Caller;
import org.ascolto.support.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/**
 * Operators' category corrections as labelled examples, for whoever trains the routing model ({@code ./ascolto
 * retrain}): they hold what citizens wrote, so only the model-trainer role reads them, and each read is audited.
 */
@Path("/api/v1/corrections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "corrections", description = "Operators' category corrections, as training examples for routing")
@RolesAllowed(Roles.MODEL_TRAINER)
@Blocking
public class CorrectionResource {

    private final CategoryCorrections corrections;
    private final Caller caller;

    public CorrectionResource(CategoryCorrections corrections, Caller caller) {
        this.corrections = corrections;
        this.caller = caller;
    }

    /** The examples, in the routing corpus's form. */
    public record Examples(List<CategoryCorrections.Example> examples) {
    }

    @GET
    @Operation(summary = "Every contact of a corrected case, labelled with its corrected category (redacted cases give none)")
    public Examples examples() {
        return new Examples(corrections.examples(caller.name()));
    }
}
