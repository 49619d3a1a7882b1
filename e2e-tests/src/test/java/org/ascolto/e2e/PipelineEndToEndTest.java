package org.ascolto.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CloudEventHeaders;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.contracts.TraceContext;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A form posted to the web adapter becomes a routed record, a case and a channel count. */
class PipelineEndToEndTest {

    private static TestDatabase database;
    private static ServiceProcess web;
    private static ServiceProcess routing;
    private static ServiceProcess cases;
    private static ServiceProcess analytics;
    private static List<ServiceProcess> platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        String kafka = TestKafka.bootstrapServers();
        database = TestDatabase.create();
        Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka);
        web = ServiceProcess.start("web-adapter", "channel-adapters/web-adapter", common);
        routing = ServiceProcess.start("routing-service", "routing-service", common);
        cases = ServiceProcess.start("case-service", "case-service", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", TestDatabase.user()));
        String run = UUID.randomUUID().toString().substring(0, 8);
        analytics = ServiceProcess.start("analytics-service", "analytics-service", Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "ASCOLTO_ANALYTICS_APPLICATION_ID", "analytics-e2e-" + run,
                "ASCOLTO_ANALYTICS_STATE_DIR", Files.createTempDirectory("analytics-e2e").toString()));
        platform = List.of(web, routing, cases, analytics,
                ServiceProcess.start("whatsapp-adapter", "channel-adapters/whatsapp-adapter", common),
                ServiceProcess.start("meta-adapter", "channel-adapters/meta-adapter", common),
                ServiceProcess.start("phone-adapter", "channel-adapters/phone-adapter", common));
        for (ServiceProcess service : platform) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    @AfterAll
    static void stopPlatform() {
        List<AutoCloseable> started = new ArrayList<>(platform == null ? List.of(web, routing, cases, analytics) : platform);
        started.add(database);
        for (AutoCloseable running : started) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    void everyServiceAnswersItsHealthChecksAndPrometheusMetrics() {
        for (ServiceProcess service : platform) {
            given().baseUri(service.url()).get("/q/health/live").then().statusCode(200);
            given().baseUri(service.url()).get("/q/health/ready").then().statusCode(200);
            String metrics = given().baseUri(service.url()).get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("jvm_memory_used_bytes"), service.url() + " exports JVM metrics");
        }
    }

    @Test
    void aPortalFormBecomesARoutedContactACaseAndAChannelCount() {
        long webBefore = webCount();
        String contactId = given().baseUri(web.url()).contentType(ContentType.JSON)
                .body("""
                        {"name":"Marco Rossi","email":"marco.rossi@example.org","subject":"Multa",
                         "message":"Ho ricevuto una multa per Area C ma avevo il permesso, vorrei fare ricorso",
                         "privacyConsent":true}""")
                .when().post("/api/v1/requests")
                .then().statusCode(202).extract().path("contactId");

        JsonPath found = eventually(() -> {
            var response = given().baseUri(cases.url()).get("/api/v1/contacts/" + contactId);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        });
        assertEquals("fines", found.getString("category"));
        assertEquals("web", found.getString("firstChannel"));
        assertEquals(contactId, found.getString("contacts[0].contactId"));

        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_ROUTED)) {
            List<ConsumerRecord<String, byte[]>> routed = probe.await(
                    r -> contactId.equals(CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElse(null)),
                    1, Duration.ofSeconds(10));
            assertEquals(1, routed.size());
            RoutedContact record = EventSchema.ROUTED_CONTACT.read(routed.get(0).value(), RoutedContact.class);
            assertEquals(record.contact().citizen().key(), routed.get(0).key());
            assertEquals(found.getString("citizenKey"), routed.get(0).key());
            assertEquals(traceOfContact(contactId), TraceContext.traceId(routed.get(0).headers()),
                    "one trace from the adapter through routing");
        }

        assertEquals(webBefore + 1, (long) eventually(() -> webCount() == webBefore + 1 ? webCount() : null));
    }

    private static Optional<String> traceOfContact(String contactId) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            List<ConsumerRecord<String, byte[]>> published = probe.await(
                    r -> contactId.equals(CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElse(null)),
                    1, Duration.ofSeconds(10));
            assertEquals(1, published.size());
            Optional<String> trace = TraceContext.traceId(published.get(0).headers());
            assertTrue(trace.isPresent(), "the adapter starts a trace");
            return trace;
        }
    }

    private static long webCount() {
        return eventually(() -> {
            var response = given().baseUri(analytics.url()).get("/api/v1/stats/channels");
            if (response.statusCode() != 200) {
                return null;
            }
            Number web = response.jsonPath().get("channels.web");
            return web == null ? 0L : web.longValue();
        });
    }

    private static <T> T eventually(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not within 30 s");
    }
}
