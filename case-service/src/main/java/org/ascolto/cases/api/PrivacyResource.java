package org.ascolto.cases.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.CitizenIdentifier;
import org.ascolto.cases.persistence.AuditLog;
import org.ascolto.cases.persistence.CaseContact;
import org.ascolto.cases.persistence.CaseQueries;
import org.ascolto.cases.persistence.PersonalData;
import org.ascolto.support.security.Caller;
import org.ascolto.support.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.common.annotation.Blocking;

/**
 * The data-protection officer's requests of citizens: access (Art. 15, everything the case store holds about a
 * citizen, as JSON) and erasure (Art. 17). A citizen is named by exactly one of phone, email or citizen key; both are
 * recorded in the audit log under the officer's name, an erasure also in its own record, never with the identifier.
 */
@Path("/api/v1/privacy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "privacy", description = "Citizens' access and erasure requests")
@RolesAllowed(Roles.DATA_PROTECTION_OFFICER)
@Blocking
public class PrivacyResource {

    private final PersonalData personalData;
    private final CaseQueries cases;
    private final AuditLog audit;
    private final Caller caller;

    public PrivacyResource(PersonalData personalData, CaseQueries cases, AuditLog audit, Caller caller) {
        this.personalData = personalData;
        this.cases = cases;
        this.audit = audit;
        this.caller = caller;
    }

    /** Who a request is about: exactly one of the three. */
    public record Citizen(String phone, String email, String citizenKey) {
    }

    /** Everything held about a citizen: their cases with timelines, and each contact as it was received. */
    public record CitizenExport(Instant exportedAt, Set<String> citizenKeys, List<ExportedCase> cases) {
    }

    public record ExportedCase(CaseView caseFile, List<JsonNode> contactsAsReceived) {
    }

    @POST
    @Path("/erasures")
    @Operation(summary = "Erase a citizen from the case store: texts, subjects, notes and identifiers of every case of theirs")
    public Response erase(@NotNull Citizen citizen) {
        PersonalData.Erasure erasure = personalData.erase(identifier(citizen), caller.name());
        return Response.status(Response.Status.CREATED).entity(erasure).build();
    }

    @POST
    @Path("/exports")
    @Operation(summary = "Everything the case store holds about a citizen named by phone, email or citizen key")
    public CitizenExport export(@NotNull Citizen citizen) {
        return export(identifier(citizen));
    }

    @GET
    @Path("/citizens/{key}/export")
    @Operation(summary = "Everything the case store holds about a citizen key")
    public CitizenExport exportByKey(@PathParam("key") String key) {
        return export(identifier(new Citizen(null, null, key)));
    }

    private CitizenExport export(CitizenIdentifier identifier) {
        Set<String> keys = personalData.citizenKeys(identifier);
        List<CitizenCase> found = cases.ofCitizens(keys);
        audit.record(caller.name(), AuditLog.EXPORTED, found.stream().map(c -> c.id).toList(), null);
        List<ExportedCase> exported = new ArrayList<>();
        for (CitizenCase c : found) {
            CaseQueries.Timeline timeline = cases.timeline(c.id);
            exported.add(new ExportedCase(CaseView.of(c, timeline), timeline.contacts().stream().map(CaseContact::routedTree).toList()));
        }
        return new CitizenExport(Instant.now(), keys, exported);
    }

    private static CitizenIdentifier identifier(Citizen citizen) {
        try {
            return CitizenIdentifier.of(citizen.phone(), citizen.email(), citizen.citizenKey());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
