package org.ascolto.cases.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.Problem;
import org.ascolto.cases.domain.IllegalTransitionException;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Problems specific to working cases; the adapter library maps the rest (400, 404, 503). */
public class CaseProblems {

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    /** Takes precedence over Quarkus' own mapper of this type, which answers without a body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "The body does not have the expected shape: " + e.getOriginalMessage())
                .toResponse();
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response changedMeanwhile(RuntimeException e) {
        return Problem.of(Response.Status.CONFLICT, "The case changed meanwhile; read it again and retry.").toResponse();
    }
}
