package org.ascolto.cases.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.cases.domain.CaseAccess;
import org.ascolto.cases.domain.CaseFilter;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.OperatorLoad;
import org.ascolto.cases.domain.QueueLoad;
import org.ascolto.cases.messaging.CaseChangeFeed;
import org.ascolto.cases.persistence.AuditLog;
import org.ascolto.cases.persistence.CaseQueries;
import org.ascolto.cases.persistence.CaseWork;
import org.ascolto.support.security.Caller;
import org.ascolto.support.security.Roles;
import org.ascolto.support.taxonomy.Taxonomy;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * The operator API over cases, for operators (the cases of their queues) and supervisors (every case). Errors are
 * RFC 9457 problems: 400 bad parameters, 401 no valid token, 403 another queue or role, 404 unknown, 409 illegal
 * transition, a channel that takes no replies, or a correction a case cannot take. Every case it shows, and every
 * change, is recorded in the audit log under the caller's name.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "cases", description = "Cases that operators work")
@RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
@Blocking
public class CaseResource {

    static final int MAX_PAGE = 200;

    private final CaseWork work;
    private final CaseQueries cases;
    private final Caller caller;
    private final AuditLog audit;
    private final Taxonomy taxonomy;
    private final CaseChangeFeed feed;

    public CaseResource(CaseWork work, CaseQueries cases, Caller caller, AuditLog audit, Taxonomy taxonomy, CaseChangeFeed feed) {
        this.work = work;
        this.cases = cases;
        this.caller = caller;
        this.audit = audit;
        this.taxonomy = taxonomy;
        this.feed = feed;
    }

    /** One page of cases in the order asked for. */
    public record CasePage(List<CaseView> cases, String nextCursor) {
    }

    /** The caller's queues and their open cases. */
    public record QueueLoads(List<QueueLoad> queues) {
    }

    /** An area of the taxonomy a case may be filed under. */
    public record Category(String id, String nameIt, String nameEn, String queue) {
    }

    public record Categories(List<Category> categories) {
    }

    @GET
    @Path("/categories")
    @Operation(summary = "The taxonomy's areas a case may be corrected to, with the queue each goes to")
    public Categories categories() {
        return new Categories(new TreeMap<>(taxonomy.areas()).entrySet().stream()
                .map(area -> new Category(area.getKey(), area.getValue().nameIt(), area.getValue().nameEn(), area.getValue().queue()))
                .toList());
    }

    @GET
    @Path("/queues")
    @Operation(summary = "The caller's queues (a supervisor: every queue with open cases) with their open, unassigned, urgent and overdue cases")
    public QueueLoads queues() {
        CaseAccess access = access();
        return new QueueLoads(cases.queueLoads(access.visibleQueues(), Instant.now()));
    }

    @GET
    @Path("/cases")
    @Operation(summary = "List the cases of the caller's queues, newest first or urgent first then by SLA due time, with filters and cursor pagination")
    public CasePage list(
            @Parameter(description = "one or more statuses") @QueryParam("status") List<String> status,
            @QueryParam("category") String category,
            @QueryParam("queue") String queue,
            @Parameter(description = "cases with at least one contact on this channel") @QueryParam("channel") String channel,
            @QueryParam("urgent") String urgent,
            @Parameter(description = "opened at or after, ISO-8601 instant") @QueryParam("openedFrom") String openedFrom,
            @Parameter(description = "opened before, ISO-8601 instant") @QueryParam("openedTo") String openedTo,
            @Parameter(description = "past the SLA due time and not resolved") @QueryParam("overdue") @DefaultValue("false") String overdue,
            @Parameter(description = "newest (the default) or due: urgent first, then the nearest SLA due time") @QueryParam("order") @DefaultValue("newest") String order,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        CaseAccess access = access();
        String onlyQueue = QueryParams.blankToNull(queue);
        if (onlyQueue != null) {
            access.checkQueue(onlyQueue);
        }
        CaseFilter filter = new CaseFilter(statuses(status), QueryParams.blankToNull(category), onlyQueue,
                QueryParams.blankToNull(channel), urgent == null ? null : bool("urgent", urgent),
                QueryParams.instant("openedFrom", openedFrom), QueryParams.instant("openedTo", openedTo), bool("overdue", overdue),
                order(order), cursor == null ? null : cursor(cursor), QueryParams.limit(limit, MAX_PAGE), access.visibleQueues());
        CaseFilter.Page page = cases.search(filter, Instant.now());
        audit.record(caller.name(), AuditLog.CASES_LISTED, page.cases().stream().map(c -> c.id).toList(), null);
        return new CasePage(page.cases().stream().map(CaseView::summary).toList(), page.nextCursor());
    }

    /** The open cases of each operator. */
    public record OperatorLoads(List<OperatorLoad> operators) {
    }

    @GET
    @Path("/operators")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Supervisors: the open, urgent and overdue cases assigned to each operator")
    public OperatorLoads operators() {
        return new OperatorLoads(cases.operatorLoads(Instant.now()));
    }

    @PUT
    @Path("/cases/assignee")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Supervisors: give several cases to one operator, all of them or none")
    public CasePage assignAll(@Valid @NotNull CaseChanges.BulkAssignment assignment) {
        work.assignAll(assignment.caseIds(), assignment.assignee(), access());
        Map<UUID, CitizenCase> assigned = cases.list("id in ?1", assignment.caseIds()).stream()
                .collect(Collectors.toMap(c -> c.id, c -> c));
        return new CasePage(assignment.caseIds().stream().map(id -> CaseView.summary(assigned.get(id))).toList(), null);
    }

    @GET
    @Path("/cases/changes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The changes of the cases of the caller's queues from now on, as server-sent events (a supervisor: every queue)")
    public Multi<CaseChange> changes() {
        CaseAccess access = access();
        return feed.changes().filter(event -> access.works(event.state().queue())).map(CaseChange::of);
    }

    @GET
    @Path("/cases/{id}")
    @Operation(summary = "One case with its timeline")
    public CaseView byId(@PathParam("id") UUID id) {
        CitizenCase found = cases.findByIdOptional(id).orElseThrow(() -> new NotFoundException("No case " + id));
        access().check(found);
        audit.record(caller.name(), AuditLog.CASE_READ, List.of(id), null);
        return CaseView.of(found, cases.timeline(id));
    }

    /** The case a contact belongs to: 404 until the contact has been persisted. */
    @GET
    @Path("/contacts/{contactId}")
    @Operation(summary = "The case of a contact id")
    public CaseView byContact(@PathParam("contactId") UUID contactId) {
        CitizenCase found = cases.caseOfContact(contactId)
                .orElseThrow(() -> new NotFoundException("No case holds contact " + contactId + " yet"));
        access().check(found);
        audit.record(caller.name(), AuditLog.CONTACT_READ, List.of(found.id), "contact " + contactId);
        return CaseView.of(found, cases.timeline(found.id));
    }

    @PUT
    @Path("/cases/{id}/status")
    @Operation(summary = "Move the case in its lifecycle; 409 when the transition is not allowed")
    public CaseView changeStatus(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.StatusChange change) {
        work.changeStatus(id, change.status(), access());
        return changed(id);
    }

    @PUT
    @Path("/cases/{id}/assignee")
    @Operation(summary = "Give the case to an operator (an operator takes it; a supervisor gives it to anyone); a NEW case becomes ASSIGNED")
    public CaseView assign(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.AssigneeChange change) {
        work.assign(id, change.assignee(), access());
        return changed(id);
    }

    @PUT
    @Path("/cases/{id}/queue")
    @Operation(summary = "Move the case to another office queue")
    public CaseView requeue(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.QueueChange change) {
        work.requeue(id, change.queue(), change.reason(), access());
        return changed(id);
    }

    @PUT
    @Path("/cases/{id}/category")
    @Operation(summary = "Correct the category routing gave: the case moves to that area's queue, and the correction trains the routing model; 409 when it is already that category or closed")
    public CaseView correctCategory(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.CategoryChange change) {
        Taxonomy.Area area = taxonomy.areas().get(change.category());
        if (area == null) {
            throw new BadRequestException("category '" + change.category() + "' is not one of " + new TreeSet<>(taxonomy.areas().keySet()));
        }
        work.correctCategory(id, change.category(), area, access());
        return changed(id);
    }

    @POST
    @Path("/cases/{id}/notes")
    @Operation(summary = "Add an operator note")
    public Response addNote(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.NewNote note) {
        work.addNote(id, note.text(), access());
        return Response.status(Response.Status.CREATED).entity(changed(id)).build();
    }

    @POST
    @Path("/cases/{id}/replies")
    @Operation(summary = "Answer the citizen on the channel of their latest contact; 409 when that channel takes no replies or the"
            + " citizen's data was erased; the same Idempotency-Key and text again is the same reply (200), another text 422")
    public Response reply(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.NewReply reply,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{8,128}") String idempotencyKey) {
        boolean created = work.reply(id, reply.text(), idempotencyKey, access());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(changed(id)).build();
    }

    @GET
    @Path("/cases/{id}/notices")
    @Operation(summary = "Whether the case's citizen opted out of the notices that tell them how their cases go")
    public CaseChanges.NoticesChoice notices(@PathParam("id") UUID id) {
        return new CaseChanges.NoticesChoice(work.noticesOptedOut(id, access()));
    }

    @PUT
    @Path("/cases/{id}/notices")
    @Operation(summary = "Opt the case's citizen out of notices (as they asked, e.g. on the phone), or back in, for all their"
            + " cases; 409 when their personal data was erased")
    public CaseChanges.NoticesChoice setNotices(@PathParam("id") UUID id, @Valid @NotNull CaseChanges.NoticesChoice choice) {
        return new CaseChanges.NoticesChoice(work.setNoticesOptOut(id, choice.optedOut(), access()));
    }

    /**
     * The case as the caller's change left it. The change checked the caller's access; a case an operator has just
     * moved to another office's queue is shown to them this once, so they see where it went.
     */
    private CaseView changed(UUID id) {
        return CaseView.of(cases.findById(id), cases.timeline(id));
    }

    /** The caller as the domain knows them: a name, a supervisor or not, the queues of their token. */
    private CaseAccess access() {
        return new CaseAccess(caller.name(), caller.is(Roles.SUPERVISOR), caller.queues());
    }

    private static Set<CaseStatus> statuses(List<String> given) {
        Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
        for (String value : given) {
            for (String one : value.split(",")) {
                try {
                    statuses.add(CaseStatus.valueOf(one.trim().toUpperCase()));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("status '" + one + "' is not one of " + List.of(CaseStatus.values()));
                }
            }
        }
        return statuses;
    }

    private static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new BadRequestException(name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static CaseFilter.Order order(String value) {
        return switch (value) {
            case "newest" -> CaseFilter.Order.NEWEST;
            case "due" -> CaseFilter.Order.DUE;
            default -> throw new BadRequestException("order must be newest or due");
        };
    }

    private static CaseFilter.Cursor cursor(String value) {
        try {
            return CaseFilter.Cursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
