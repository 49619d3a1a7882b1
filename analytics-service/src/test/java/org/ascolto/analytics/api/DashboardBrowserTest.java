package org.ascolto.analytics.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.analytics.TestRecords;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class DashboardBrowserTest {

    private static final String ANALYST = TestTokens.of("alba.analyst", List.of("analyst"), List.of());

    /** What the page shows, read the way a person reads it: the text of each figure. */
    private static final String SHOWN = """
            const figures = {};
            document.querySelectorAll('#channel-rows tr').forEach(tr => {
              tr.querySelectorAll('td').forEach(td => figures[tr.dataset.channel + '.' + td.dataset.field] = td.textContent);
            });
            document.querySelectorAll('[data-total]').forEach(td => figures['total.' + td.dataset.total] = td.textContent);
            ['urgent-share', 'repeat-rate', 'switch-rate'].forEach(id => figures[id] = document.getElementById(id).textContent);
            document.querySelectorAll('#switch-pairs li').forEach(li => figures['pair.' + li.dataset.pair] = li.textContent);
            return figures;""";

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void theDashboardShowsTheApiFiguresLiveInARealBrowser() throws Exception {
        long webBefore = overview().path("today").path("channels").path("web").asLong();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        String anna = Contacts.newCitizenKey();
        CitizenContact annaCall = Contacts.contact("phone", anna, "ho chiamato per la TARI");
        CitizenContact annaForm = Contacts.contact("web", anna, "scrivo anche dal portale");
        records.add(Contacts.record(annaCall, TestRecords.sealed()::contact));
        records.add(Contacts.record(annaForm, TestRecords.sealed()::contact));
        records.add(Contacts.record(annaForm, TestRecords.sealed()::contact));
        records.add(Contacts.routedRecord(annaCall, Contacts.decision("taxes", false), TestRecords.sealed()::routed));
        records.add(Contacts.routedRecord(annaForm, Contacts.decision("taxes", false), TestRecords.sealed()::routed));
        for (int i = 0; i < 4; i++) {
            CitizenContact message = Contacts.contact(i % 2 == 0 ? "whatsapp" : "instagram", Contacts.newCitizenKey(), "ciao " + i);
            records.add(Contacts.record(message, TestRecords.sealed()::contact));
            records.add(Contacts.routedRecord(message, Contacts.decision(i == 0 ? "safety" : "mobility", i == 0), TestRecords.sealed()::routed));
        }
        TestKafka.send(records);
        awaitTrue(() -> overview().path("today").path("channels").path("web").asLong() == webBefore + 1,
                "the API counts the new web contact once");

        try (HeadlessChromium browser = new HeadlessChromium(1280, 1500)) {
            signedIn(browser, ANALYST);
            Map<String, String> shown = awaitShownMatchesApi(browser);
            assertEquals(String.valueOf(webBefore + 1), digits(shown.get("web.today")));
            assertTrue(shown.containsKey("pair.phone>web"), "the switch of Anna from phone to web is listed: " + shown);
            browser.screenshot(Path.of("target", "dashboard.png"));

            TestKafka.send(List.of(Contacts.record(Contacts.contact("web", Contacts.newCitizenKey(), "ancora uno"), TestRecords.sealed()::contact),
                    Contacts.record(Contacts.contact("web", Contacts.newCitizenKey(), "e un altro"), TestRecords.sealed()::contact)));
            awaitTrue(() -> digits(shownBy(browser).get("web.today")).equals(String.valueOf(webBefore + 3)),
                    "the open page updates itself when contacts arrive");
            awaitShownMatchesApi(browser);

            browser.resize(390, 2400);
            awaitShownMatchesApi(browser);
            browser.screenshot(Path.of("target", "dashboard-phone.png"));
        }
    }

    @Test
    void visitorsSignInAtTheIdentityProviderWithPkceAndOnlyAnalystsSeeFigures() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(1280, 900)) {
            browser.open(dashboard.toString());
            String signIn = TestTokens.ISSUER + "/protocol/openid-connect/auth?";
            awaitTrue(() -> urlOf(browser).startsWith(signIn), "the page sends a visitor without a token to the identity provider");
            Map<String, String> query = query(urlOf(browser).substring(signIn.length()));
            assertEquals("code", query.get("response_type"));
            assertEquals("analytics-dashboard", query.get("client_id"));
            assertEquals(dashboard.toString(), query.get("redirect_uri"));
            assertEquals("S256", query.get("code_challenge_method"));
            assertTrue(query.get("code_challenge").matches("[A-Za-z0-9_-]{43}"), "a SHA-256 challenge: " + query);
            assertTrue(query.get("state").length() >= 43, "an unguessable state: " + query);

            signedIn(browser, TestTokens.operator("anna.anagrafe", "anagrafe"));
            awaitTrue(() -> statusOf(browser).contains("ruolo di analista"), "an operator is told the figures are for analysts");
            assertEquals("", digits(shownBy(browser).get("total.today")), "and sees no figure");
        }
    }

    /** The page as it is once the identity provider gave this tab a token (kept in the tab's sessionStorage). */
    private void signedIn(HeadlessChromium browser, String token) throws Exception {
        browser.open(dashboard + "dashboard.css");
        browser.script("sessionStorage.setItem('ascolto.dashboard.tokens', JSON.stringify({access_token: '" + token
                + "', expires_at: Date.now() + 3600000}));");
        browser.open(dashboard.toString());
    }

    private static String urlOf(HeadlessChromium browser) {
        try {
            return browser.url();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusOf(HeadlessChromium browser) {
        try {
            return browser.script("return document.getElementById('status').textContent;").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The page is live, so it matches the API once both show the same moment: retry until they agree. */
    private Map<String, String> awaitShownMatchesApi(HeadlessChromium browser) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, String> expected = Map.of();
        Map<String, String> shown = Map.of();
        while (Instant.now().isBefore(deadline)) {
            expected = expectedFigures(overview());
            shown = shownBy(browser);
            if (shown.equals(expected)) {
                return shown;
            }
            sleep();
        }
        assertEquals(expected, shown, "the dashboard shows the figures of GET /api/v1/stats/overview");
        return shown;
    }

    private static Map<String, String> expectedFigures(JsonNode overview) {
        Map<String, String> figures = new LinkedHashMap<>();
        JsonNode ytd = overview.path("yearToDate");
        for (Iterator<String> channels = ytd.path("channels").fieldNames(); channels.hasNext();) {
            String channel = channels.next();
            figures.put(channel + ".lastHour", overview.path("lastHour").path("channels").path(channel).asText("0"));
            figures.put(channel + ".today", overview.path("today").path("channels").path(channel).asText("0"));
            figures.put(channel + ".yearToDate", ytd.path("channels").path(channel).asText());
            figures.put(channel + ".share", percent(ytd.path("shares").path(channel).asDouble()));
        }
        figures.put("total.lastHour", overview.path("lastHour").path("total").asText());
        figures.put("total.today", overview.path("today").path("total").asText());
        figures.put("total.yearToDate", ytd.path("total").asText());
        figures.put("urgent-share", percent(overview.path("categories").path("urgentShare").asDouble()));
        figures.put("repeat-rate", percent(overview.path("journeys").path("repeatRate").asDouble()));
        figures.put("switch-rate", percent(overview.path("journeys").path("switchRate").asDouble()));
        overview.path("journeys").path("switchesByPair").fields()
                .forEachRemaining(pair -> figures.put("pair." + pair.getKey(), pair.getValue().asText()));
        return figures;
    }

    private static Map<String, String> shownBy(HeadlessChromium browser) {
        try {
            Map<String, String> figures = new LinkedHashMap<>();
            browser.script(SHOWN).fields().forEachRemaining(f -> figures.put(f.getKey(),
                    f.getKey().endsWith("share") || f.getKey().endsWith("rate") ? f.getValue().asText()
                            : digits(f.getValue().asText())));
            return figures;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode overview() {
        var response = given().auth().oauth2(ANALYST).get("/api/v1/stats/overview");
        return response.statusCode() == 200 ? EventJson.parse(response.asByteArray()) : EventJson.tree(Map.of());
    }

    /** Counts are shown with the browser's digit grouping; compare their digits. */
    private static String digits(String shown) {
        return shown == null ? "" : shown.substring(shown.lastIndexOf(':') + 1).replaceAll("[^0-9]", "");
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            sleep();
        }
        throw new AssertionError("timed out: " + what);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
