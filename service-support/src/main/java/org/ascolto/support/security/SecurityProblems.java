package org.ascolto.support.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.ascolto.support.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 answered as RFC 9457 problems: no valid bearer token of the city's identity provider (none, malformed,
 * badly signed, expired, of another issuer or audience), or a token without the role or the queue the request needs.
 */
public class SecurityProblems {

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED,
                "A valid bearer token of the city's identity provider is required.").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Status.FORBIDDEN, e.getMessage() == null || e.getMessage().isBlank()
                ? "The token does not give the role this request needs." : e.getMessage()).toResponse();
    }
}
