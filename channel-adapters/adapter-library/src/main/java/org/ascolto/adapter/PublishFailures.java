package org.ascolto.adapter;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.ascolto.support.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request whose contacts Kafka did not acknowledge is refused with 503 and {@code Retry-After}, so the sender retries;
 * one whose contacts the contract refuses, or that reuses an idempotency key for another body, with 422.
 */
public class PublishFailures {

    static final int UNPROCESSABLE = 422;

    private final ChannelMetrics metrics;

    public PublishFailures(ChannelMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidContactException e) {
        metrics.rejected(UNPROCESSABLE);
        return new Problem("about:blank", "Unprocessable Content", UNPROCESSABLE, e.getMessage(), null,
                e.violations().stream().map(v -> new Problem.FieldError(field(v), v)).toList()).toResponse();
    }

    @ServerExceptionMapper
    public Response reused(IdempotencyKeyReusedException e) {
        metrics.rejected(UNPROCESSABLE);
        return Problem.unprocessable(e.getMessage()).toResponse();
    }

    /** A schema violation names the field first, as in {@code /text: must be at most 20000 characters long}. */
    private static String field(String violation) {
        int colon = violation.indexOf(':');
        return colon > 0 ? violation.substring(0, colon).replaceFirst("^/", "").replace('/', '.') : "";
    }

    private static final Logger LOG = Logger.getLogger(PublishFailures.class);

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE,
                "The request could not be stored right now; nothing was accepted. Retry later.").toResponse())
                .header("Retry-After", "5").build();
    }
}
