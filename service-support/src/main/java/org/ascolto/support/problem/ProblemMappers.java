package org.ascolto.adapter;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Every error an adapter answers is an RFC 9457 problem body. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ChannelMetrics metrics;
    private final AdapterConfig config;

    public ProblemMappers(ChannelMetrics metrics, AdapterConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return rejected(new Problem("about:blank", "Invalid request", 400,
                "These fields are invalid: " + String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList()),
                null, errors));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return rejected(Problem.of(Status.BAD_REQUEST, "The body is not valid JSON of the expected shape: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE,
                "The request could not be stored right now; nothing was accepted. Retry later.").toResponse())
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        return rejected(Problem.of(status == null ? Status.BAD_REQUEST : status, e.getMessage()));
    }

    private Response rejected(Problem problem) {
        metrics.rejected(config.channel(), problem.status());
        return problem.toResponse();
    }

    /** The property path without the method and parameter names the validator puts first. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }
}
