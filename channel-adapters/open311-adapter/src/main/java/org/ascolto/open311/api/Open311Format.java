package org.ascolto.open311.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The response formats Open311 defines, named by the path's extension; errors are answered in the spec's error list. */
enum Open311Format {
    JSON("application/json"), XML("text/xml");

    final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    static Open311Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> throw new Failure(JSON, 400, "format must be json or xml, not " + extension);
        };
    }

    /** {@code document} under {@code root}, the items of a list named {@code item} in XML. */
    Response answer(ObjectMapper json, String root, String item, Object document) {
        return answer(json, 200, root, item, document);
    }

    Response error(ObjectMapper json, int status, String description) {
        return answer(json, status, "errors", "error", List.of(new Open311.Error(status, description)));
    }

    private Response answer(ObjectMapper json, int status, String root, String item, Object document) {
        Object body = this == JSON ? document : Open311Xml.write(root, item, json.valueToTree(document));
        return Response.status(status).type(mediaType + ";charset=UTF-8").entity(body).build();
    }

    /** An Open311 error, answered in the request's format. */
    static class Failure extends RuntimeException {
        final Open311Format format;
        final int status;

        Failure(Open311Format format, int status, String description) {
            super(description);
            this.format = format;
            this.status = status;
        }
    }
}
