package org.ascolto.cases.api;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.cases.domain.CaseContact;
import org.ascolto.cases.domain.CitizenCase;

import io.smallrye.common.annotation.Blocking;

/** The operator API over cases. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class CaseResource {

    @GET
    @Path("/cases/{id}")
    public CaseView byId(@PathParam("id") UUID id) {
        CitizenCase found = CitizenCase.findById(id);
        if (found == null) {
            throw new NotFoundException("No case " + id);
        }
        return CaseView.of(found);
    }

    /** The case a contact belongs to: 404 until the contact has been persisted. */
    @GET
    @Path("/contacts/{contactId}")
    public CaseView byContact(@PathParam("contactId") UUID contactId) {
        CaseContact contact = CaseContact.findById(contactId);
        if (contact == null) {
            throw new NotFoundException("No case holds contact " + contactId + " yet");
        }
        return CaseView.of(CitizenCase.findById(contact.caseId));
    }
}
