package org.ascolto.support.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every error a service answers is an RFC 9457 problem body: invalid fields (400, naming each), bodies that are not
 * JSON of the expected shape (400), and any {@link WebApplicationException} with its status. Each refusal is also
 * fired as a CDI event, for services that count what they refuse.
 */
public class ProblemMappers {

    private final Event<Problem> refused;

    public ProblemMappers(Event<Problem> refused) {
        this.refused = refused;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return refused(new Problem("about:blank", "Invalid request", 400,
                "These fields are invalid: " + String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList()),
                null, errors));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return refused(Problem.of(Status.BAD_REQUEST, "The body is not valid JSON of the expected shape: " + e.getOriginalMessage()));
    }

    /** Takes precedence over Quarkus' own mapper of this type, which answers without a body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        return refused(Problem.of(status == null ? Status.BAD_REQUEST : status, e.getMessage()));
    }

    private Response refused(Problem problem) {
        refused.fire(problem);
        return problem.toResponse();
    }

    /** The property path without the method and parameter names the validator puts first. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }
}
