package org.ascolto.cases.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;

/** Query parameters as the APIs read them: a bad one is a 400 problem that says what was expected. */
final class QueryParams {

    private QueryParams() {
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-23T09:00:00Z");
        }
    }

    static int limit(String value, int max) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit must be a whole number from 1 to " + max);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
