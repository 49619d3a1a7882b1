package org.ascolto.routing.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Errors of this service's API as RFC 9457 problem details. */
public class ProblemResponses {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(violation -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .sorted().collect(Collectors.joining("; "));
        return problem(Status.BAD_REQUEST, detail);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return problem(Status.BAD_REQUEST, "the body is not JSON of the expected shape: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        Status status = Status.fromStatusCode(e.getResponse().getStatus());
        return problem(status == null ? Status.BAD_REQUEST : status, e.getMessage());
    }

    private static Response problem(Status status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    /** "classify.request.text" names the field "text". */
    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
