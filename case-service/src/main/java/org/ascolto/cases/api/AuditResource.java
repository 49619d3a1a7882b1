package org.ascolto.cases.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.ascolto.cases.persistence.AuditLog;
import org.ascolto.support.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/** The audit log, for auditors and the data-protection officer: who read or changed which case, when. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Who read a case's personal data or changed a case, and when")
@RolesAllowed({ Roles.AUDITOR, Roles.DATA_PROTECTION_OFFICER })
@Blocking
public class AuditResource {

    static final int MAX_PAGE = 1000;

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    /** One page of entries, newest first; {@code nextBefore} asks for the next. */
    public record AuditPage(List<AuditLog.Entry> entries, Long nextBefore) {
    }

    @GET
    @Operation(summary = "Audit entries, newest first, by case, user and time")
    public AuditPage find(
            @Parameter(description = "entries about this case") @QueryParam("caseId") String caseId,
            @Parameter(description = "entries of this user (the token's preferred_username)") @QueryParam("user") String user,
            @Parameter(description = "at or after, ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(description = "before, ISO-8601 instant") @QueryParam("to") String to,
            @Parameter(description = "nextBefore of the previous page") @QueryParam("before") String before,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        int size = QueryParams.limit(limit, MAX_PAGE);
        List<AuditLog.Entry> entries = audit.find(new AuditLog.Query(uuid(caseId), QueryParams.blankToNull(user),
                QueryParams.instant("from", from), QueryParams.instant("to", to), position(before), size));
        return new AuditPage(entries, entries.size() == size ? entries.get(size - 1).id() : null);
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("caseId is not a case id");
        }
    }

    private static Long position(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("before must be the nextBefore of a previous page");
        }
    }
}
