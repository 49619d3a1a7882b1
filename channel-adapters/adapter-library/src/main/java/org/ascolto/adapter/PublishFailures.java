package org.ascolto.adapter;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.ascolto.support.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request whose contacts Kafka did not acknowledge is refused with 503 and {@code Retry-After}, so the sender retries. */
public class PublishFailures {

    private static final Logger LOG = Logger.getLogger(PublishFailures.class);

    @ServerExceptionMapper
    public Response unavailable(PublishFailedException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE,
                "The request could not be stored right now; nothing was accepted. Retry later.").toResponse())
                .header("Retry-After", "5").build();
    }
}
