package org.ascolto.open311.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.open311.domain.ApiKeys;
import org.ascolto.open311.persistence.Open311Clients;
import org.ascolto.support.security.Caller;
import org.ascolto.support.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/** Integrators register the civic apps that may post Open311 requests, and revoke their keys. */
@Path("/api/v1/open311-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "open311-clients", description = "The civic apps allowed to post requests")
@RolesAllowed(Roles.INTEGRATOR)
@Blocking
public class Open311ClientResource {

    public record NewClient(@NotBlank @Size(max = 200) String name) {
    }

    /** The answer to a registration: the key, shown this once and never again. */
    public record Registered(UUID id, String name, String apiKey) {
    }

    private final Open311Clients clients;
    private final Caller caller;

    public Open311ClientResource(Open311Clients clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Register a civic app; its API key is in this answer only")
    public Response register(@Valid @NotNull NewClient client) {
        String key = ApiKeys.newKey();
        Open311Clients.Client registered = clients.create(client.name(), key, caller.name());
        return Response.status(Response.Status.CREATED).entity(new Registered(registered.id(), registered.name(), key)).build();
    }

    @GET
    @Operation(summary = "The registered civic apps, without their keys")
    public List<Open311Clients.Client> list() {
        return clients.all();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a civic app's key: its requests are refused from now on")
    public Response revoke(@PathParam("id") UUID id) {
        if (!clients.revoke(id, caller.name())) {
            throw new NotFoundException("No client " + id + " with a key in force");
        }
        return Response.noContent().build();
    }
}
