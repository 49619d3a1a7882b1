package org.ascolto.support.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who calls, as the bearer token says: their name (for the history and the case events), roles and queues. */
@RequestScoped
public class Caller {

    /** The token claim that lists an operator's queues. */
    public static final String QUEUES = "queues";

    @Inject
    JsonWebToken token;

    /** The caller's user name ({@code preferred_username}), what changes and notes are recorded under. */
    public String name() {
        return token.getName();
    }

    public boolean is(String role) {
        return token.getGroups().contains(role);
    }

    /** The queues whose cases the caller works; a supervisor works them all. */
    public Set<String> queues() {
        Object claim = token.getClaim(QUEUES);
        Set<String> queues = new TreeSet<>();
        if (claim instanceof JsonArray values) {
            values.forEach(value -> queues.add(text(value)));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> queues.add(value instanceof JsonValue json ? text(json) : String.valueOf(value)));
        } else if (claim instanceof JsonValue single) {
            queues.add(text(single));
        } else if (claim != null) {
            queues.add(String.valueOf(claim));
        }
        return queues;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
