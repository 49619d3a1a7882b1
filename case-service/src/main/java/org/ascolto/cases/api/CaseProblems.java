package org.ascolto.cases.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.ascolto.cases.domain.CaseAccessDeniedException;
import org.ascolto.cases.domain.CaseNotFoundException;
import org.ascolto.cases.domain.IllegalCorrectionException;
import org.ascolto.cases.domain.IllegalTransitionException;
import org.ascolto.cases.domain.ReplyChannelException;
import org.ascolto.cases.domain.ReplyKeyReusedException;
import org.ascolto.support.problem.Problem;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problems specific to working cases; service-support maps the rest (400, 404, ...). */
public class CaseProblems {

    @ServerExceptionMapper
    public Response notFound(CaseNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response accessDenied(CaseAccessDeniedException e) {
        return Problem.of(Response.Status.FORBIDDEN, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response illegalCorrection(IllegalCorrectionException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response noReplyChannel(ReplyChannelException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response keyReused(ReplyKeyReusedException e) {
        return Problem.unprocessable(e.getMessage()).toResponse();
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleObjectStateException.class })
    public Response changedMeanwhile(RuntimeException e) {
        return Problem.of(Response.Status.CONFLICT, "The case changed meanwhile; read it again and retry.").toResponse();
    }
}
