package org.ascolto.simulator.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Which contacts have no case yet, asked of the case API as a supervisor (who sees every case). */
final class CaseLookup {

    private final HttpClient http;
    private final URI cases;
    private final CaseApiToken token;

    CaseLookup(HttpClient http, URI cases, CaseApiToken token) {
        this.http = http;
        this.cases = cases;
        this.token = token;
    }

    /** The contacts still without a case at the deadline; empty as soon as every one has one. */
    List<UUID> missingUntil(Collection<UUID> contactIds, long deadlineNanos) throws Exception {
        List<UUID> missing = new ArrayList<>(contactIds);
        while (true) {
            String bearer = token.current(http);
            missing.removeIf(id -> hasCase(id, bearer));
            if (missing.isEmpty() || System.nanoTime() > deadlineNanos) {
                return missing;
            }
            Thread.sleep(2_000);
        }
    }

    private boolean hasCase(UUID contactId, String bearer) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(cases.resolve("/api/v1/contacts/" + contactId))
                    .header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw new IllegalStateException("the case API refused the supervisor's token: " + answer.statusCode());
            }
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
