package org.ascolto.simulator.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.ascolto.contracts.EventJson;

/**
 * A bearer token of a user of the identity provider, asked for with the CLI client's password grant each time it is
 * needed, since a fuzz run outlasts an access token.
 */
public record CaseApiToken(URI tokenEndpoint, String user, String password) {

    public String current(HttpClient http) throws IOException, InterruptedException {
        String form = "client_id=ascolto-cli&grant_type=password&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the identity provider gave no token to " + user + ": " + answer.statusCode());
        }
        return EventJson.mapper().readTree(answer.body()).path("access_token").asText();
    }
}
