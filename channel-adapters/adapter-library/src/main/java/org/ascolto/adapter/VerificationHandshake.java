package org.ascolto.adapter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.ascolto.support.problem.Problem;

/** Meta's webhook verification: echo {@code hub.challenge} when the subscription carries our verify token. */
public final class VerificationHandshake {

    private VerificationHandshake() {
    }

    public static Response answer(String mode, String verifyToken, String challenge, String expectedToken) {
        boolean tokenMatches = verifyToken != null && MessageDigest.isEqual(
                verifyToken.getBytes(StandardCharsets.UTF_8), expectedToken.getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            return Problem.of(Status.FORBIDDEN, "Unknown subscription or wrong verify token").toResponse();
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }
}
