package org.ascolto.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.GraphApiStandIn;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Every service of deploy/services.txt, packaged, as processes: a form posted to the web adapter becomes a routed
 * record, a case and a channel count; a civic app's Open311 request becomes a case it can follow; a WhatsApp message
 * becomes a case whose operator's reply reaches a stand-in for Meta and whose delivery receipt reaches the timeline;
 * every series the alerts and the dashboard watch is emitted.
 */
class PipelineEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SUPERVISOR = TestTokens.supervisor("s.supervisor");
    private static final String ANALYST = TestTokens.of("a.analyst", List.of("analyst"), List.of());

    private static final GraphApiStandIn META = new GraphApiStandIn();
    private static final String BUSINESS_NUMBER = "106540352242922";
    private static final List<TestDatabase> databases = new ArrayList<>();
    private static final Map<String, ServiceProcess> platform = new LinkedHashMap<>();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @BeforeAll
    static void startPlatform() throws Exception {
        smtp.start();
        String kafka = TestKafka.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        META.start();
        for (Path module : ServiceProcess.listed()) {
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka));
            if (module.getFileName().toString().equals("whatsapp-adapter")) {
                env.put("ASCOLTO_WHATSAPP_GRAPH_BASE_URL", META.baseUrl());
            }
            if (ServiceProcess.hasDatabase(module)) {
                TestDatabase database = TestDatabase.create();
                databases.add(database);
                env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
                env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.user());
            }
            if (module.getFileName().toString().equals("analytics-service")) {
                env.put("ASCOLTO_ANALYTICS_APPLICATION_ID", "analytics-e2e-" + run);
                env.put("ASCOLTO_ANALYTICS_STATE_DIR", Files.createTempDirectory("analytics-e2e").toString());
            }
            if (module.getFileName().toString().equals("email-adapter")) {
                env.put("ASCOLTO_EMAIL_REPLIES_SMTP_HOST", "127.0.0.1");
                env.put("ASCOLTO_EMAIL_REPLIES_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            }
            platform.put(module.getFileName().toString(), ServiceProcess.start(module, env));
        }
        for (ServiceProcess service : platform.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    @AfterAll
    static void stopPlatform() {
        List<AutoCloseable> started = new ArrayList<>(platform.values());
        started.addAll(databases);
        started.add(META::stop);
        started.add(smtp::stop);
        ServiceProcess.closeAll(started);
    }

    @Test
    void everyServiceAnswersItsHealthChecksAndPrometheusMetrics() {
        assertEquals(ServiceProcess.listed().size(), platform.size(), "every service of deploy/services.txt runs");
        for (ServiceProcess service : platform.values()) {
            given().baseUri(service.managementUrl()).get("/q/health/live").then().statusCode(200);
            given().baseUri(service.managementUrl()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(service.url()).get("/q/health/ready").then().statusCode(404);
            String metrics = given().baseUri(service.managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("jvm_memory_used_bytes"), service.url() + " exports JVM metrics");
        }
    }

    @Test
    void everySeriesTheAlertsAndTheDashboardWatchIsEmittedBySomeService() {
        given().baseUri(url("web-adapter")).contentType(ContentType.JSON)
                .body("""
                        {"name":"Lucia Bianchi","email":"lucia.bianchi@example.org","subject":"Rifiuti",
                         "message":"Il cassonetto del vetro in via Padova è pieno da una settimana","privacyConsent":true}""")
                .post("/api/v1/requests").then().statusCode(202);
        given().baseUri(url("web-adapter")).contentType(ContentType.JSON).body("{\"message\":\"\"}")
                .post("/api/v1/requests").then().statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)));
        TestKafka.send(List.of(new ProducerRecord<>(Topics.CONTACTS, "e2e-dead-letter", "{\"not\": \"a contact\"".getBytes(StandardCharsets.UTF_8))));

        Set<String> watched = MonitoredSeries.names(ServiceProcess.ROOT);
        assertTrue(watched.containsAll(Set.of("ascolto_dead_letters_total", "ascolto_cases_sla_breached_total",
                "kafka_producer_record_error_total", "kafka_consumer_fetch_manager_records_lag_max")), watched.toString());
        // the Kafka binder adds a client's per-topic series at its next refresh, a minute after the first send
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        Set<String> missing = new TreeSet<>(watched);
        while (!missing.isEmpty() && Instant.now().isBefore(deadline)) {
            for (ServiceProcess service : platform.values()) {
                String scrape = given().baseUri(service.managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
                missing.removeAll(PrometheusText.parse(scrape).names());
            }
            Eventually.pause(Duration.ofSeconds(2));
        }
        assertEquals(Set.of(), missing, "series named in deploy/prometheus/alerts.yml or deploy/grafana that no service emits");
    }

    @Test
    void aPortalFormBecomesARoutedContactACaseAndAChannelCount() {
        long webBefore = webCount();
        String contactId = given().baseUri(url("web-adapter")).contentType(ContentType.JSON)
                .body("""
                        {"name":"Marco Rossi","email":"marco.rossi@example.org","subject":"Multa",
                         "message":"Ho ricevuto una multa per Area C ma avevo il permesso, vorrei fare ricorso",
                         "privacyConsent":true}""")
                .when().post("/api/v1/requests")
                .then().statusCode(202).extract().path("contactId");

        JsonPath found = Eventually.value(PATIENCE, () -> {
            var response = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + contactId);
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

        assertEquals(webBefore + 1, (long) Eventually.value(PATIENCE, () -> webCount() == webBefore + 1 ? webCount() : null));
    }

    @Test
    void anEmailBecomesACaseAndTheOperatorsReplyLeavesBySmtpInItsThreadOnce() throws Exception {
        String messageId = "<" + UUID.randomUUID() + "@mail.example.org>";
        byte[] mail = ("From: Giulia Bianchi <giulia.bianchi@example.org>\r\nTo: urp@comune.milano.it\r\n"
                + "Subject: Cambio di residenza\r\nMessage-ID: " + messageId + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Buongiorno, ho chiesto il cambio di residenza il 3 ottobre: quando arriva la conferma?\r\n").getBytes(StandardCharsets.UTF_8);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("local-email-signing-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String contactId = given().baseUri(url("email-adapter")).contentType("message/rfc822")
                .header("X-Ascolto-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac.doFinal(mail))).body(mail)
                .post("/api/v1/messages").then().statusCode(202).extract().path("contactIds[0]");

        JsonPath opened = Eventually.value(PATIENCE, () -> {
            var response = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + contactId);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        });
        String caseId = opened.getString("id");
        MimeMessage receipt = Eventually.value(PATIENCE, () -> inThread(messageId).stream().findFirst().orElse(null));
        assertTrue(receipt.getContent().toString().contains(opened.getString("reference")), "the receipt names the case reference");

        String answer = "Gentile signora Bianchi, la conferma arriverà entro 45 giorni.";
        given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", answer)).post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201)
                .body("replies[1].channel", equalTo("email")).body("replies[0].notice", equalTo("opened"));

        MimeMessage reply = Eventually.value(PATIENCE, () -> inThread(messageId).stream().filter(m -> text(m).contains(answer))
                .findFirst().orElse(null));
        assertEquals("giulia.bianchi@example.org", reply.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals(messageId, reply.getHeader("References", null));
        Eventually.pause(Duration.ofSeconds(2));
        assertEquals(2, inThread(messageId).size(), "one email for the receipt, one for the reply");
        Eventually.until(PATIENCE, () -> "sent".equals(given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR)
                .get("/api/v1/cases/" + caseId).jsonPath().getString("replies[1].status")));
    }

    /** The emails the SMTP server received in the thread of the citizen's message. */
    private List<MimeMessage> inThread(String messageId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return messageId.equals(m.getHeader("In-Reply-To", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCivicAppsOpen311RequestBecomesACaseItFollowsByTokenAndServiceRequestId() {
        String apiKey = given().baseUri(url("open311-adapter")).auth().oauth2(TestTokens.of("ivo.integrator", List.of("integrator"), List.of()))
                .contentType(ContentType.JSON).body("{\"name\":\"Segnala Milano\"}").post("/api/v1/open311-clients")
                .then().statusCode(201).extract().path("apiKey");
        String token = given().baseUri(url("open311-adapter")).formParam("api_key", apiKey).formParam("service_code", "mobility")
                .formParam("address_string", "Viale Monza 2, Milano").formParam("device_id", "civic-app-e2e")
                .formParam("description", "Il semaforo all'incrocio con via Padova è spento da stamattina")
                .post("/open311/v2/requests.json").then().statusCode(200).extract().path("[0].token");

        String requestId = Eventually.value(PATIENCE, () -> {
            var answer = given().baseUri(url("open311-adapter")).get("/open311/v2/tokens/" + token + ".json");
            return answer.statusCode() == 200 ? answer.jsonPath().getString("[0].service_request_id") : null;
        });
        JsonPath theCase = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + token).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(requestId, theCase.getString("reference"));
        assertEquals("open311", theCase.getString("firstChannel"));
        given().baseUri(url("open311-adapter")).get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo(theCase.getString("category")))
                .body("[0].agency_responsible", equalTo(theCase.getString("queue")));
    }

    @Test
    void aWhatsAppMessageGetsAnOperatorsReplyOnceThroughMetaAndItsDeliveredReceiptReachesTheCaseTimeline() throws Exception {
        String waId = "39333" + (1000000 + new Random().nextInt(8999999));
        String wamid = "wamid.e2e-" + UUID.randomUUID();
        postToWhatsApp(("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"390288450000\",\"phone_number_id\":\""
                + BUSINESS_NUMBER + "\"},\"contacts\":[{\"profile\":{\"name\":\"Giulia\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[{"
                + "\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"type\":\"text\","
                + "\"text\":{\"body\":\"il semaforo di piazzale Loreto è spento da stamattina\"}}]},\"field\":\"messages\"}]}]}")
                .getBytes(StandardCharsets.UTF_8));
        String contactId = ContactIds.of("whatsapp", wamid).toString();
        JsonPath theCase = Eventually.value(PATIENCE, () -> {
            var response = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + contactId);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        });
        String caseId = theCase.getString("id");

        String answer = "Buongiorno Giulia, la Polizia Locale è stata avvisata: una pattuglia è in arrivo.";
        given().baseUri(url("case-service")).auth().oauth2(TestTokens.operator("marco.operatore", theCase.getString("queue")))
                .contentType(ContentType.JSON).body(Map.of("text", answer)).post("/api/v1/cases/" + caseId + "/replies")
                .then().statusCode(201);
        GraphApiStandIn.Request receipt = Eventually.value(PATIENCE, () -> GraphApiStandIn.requestsTo(waId).stream().findFirst().orElse(null));
        assertTrue(receipt.body().path("text").path("body").asText().contains(theCase.getString("reference")),
                "the receipt names the case reference");
        GraphApiStandIn.Request sent = Eventually.value(PATIENCE, () -> GraphApiStandIn.requestsTo(waId).stream()
                .filter(r -> answer.equals(r.body().path("text").path("body").asText())).findFirst().orElse(null));
        assertEquals(List.of(), sent.violations(), "the send request has Meta's documented path, token and body");
        assertEquals(BUSINESS_NUMBER, sent.phoneNumberId());
        assertEquals(answer, sent.body().path("text").path("body").asText());
        assertEquals(wamid, sent.body().path("context").path("message_id").asText());

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            ConsumerRecord<String, byte[]> reply = replies.await(r -> caseId.equals(r.key()), 2, Duration.ofSeconds(10)).get(1);
            TestKafka.send(List.of(new ProducerRecord<>(Topics.REPLIES, null, reply.key(), reply.value(), reply.headers())));
        }
        postToWhatsApp(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, waId, sent.messageId(), "delivered",
                Instant.now().getEpochSecond(), 0));
        JsonPath delivered = Eventually.value(PATIENCE, () -> {
            JsonPath view = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/cases/" + caseId).jsonPath();
            return "delivered".equals(view.getString("replies[1].status")) ? view : null;
        });
        assertEquals(List.of("delivered"), delivered.getList("replies[1].statuses.status"));
        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            assertEquals(1, events.await(r -> caseId.equals(r.key()) && CaseEvent.REPLY_STATUS.equals(
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElse("")), 1, Duration.ofSeconds(10)).size());
        }
        assertEquals(2, GraphApiStandIn.requestsTo(waId).size(), "the receipt and the reply; the redelivered reply record sent nothing more");
    }

    /** Posts a notification to the WhatsApp adapter as Meta does, signed with the local run's app secret. */
    private static void postToWhatsApp(byte[] notification) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("local-whatsapp-app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        given().baseUri(url("whatsapp-adapter")).contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac.doFinal(notification)))
                .body(notification).post("/webhooks/whatsapp").then().statusCode(200);
    }

    @Test
    void inProductionAServiceRefusesToStartWithADevelopmentSecretNamingTheVariable() throws Exception {
        String ended = productionStart("channel-adapters/web-adapter", "local-development-secret-change-me");
        assertTrue(ended.startsWith("exit 1"), ended);
        assertTrue(ended.contains("ASCOLTO_ADAPTER_CITIZEN_KEY_SECRET holds a development value"), ended);
        ended = productionStart("channel-adapters/meta-adapter", "k3P8w0xZ1v7Qm2Rt6Yh9Lc4Nb5Jd0Fs");
        assertTrue(ended.contains("ASCOLTO_META_APP_SECRET is not set"), ended);
        assertTrue(ended.contains("ASCOLTO_META_VERIFY_TOKEN is not set"), ended);
    }

    /** How a service started in the prod profile with only this citizen-key secret ends, and what it logged. */
    private static String productionStart(String module, String citizenKeySecret) throws Exception {
        try (ServiceProcess production = ServiceProcess.start(Path.of(module), Map.of(
                "QUARKUS_PROFILE", "prod",
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "ASCOLTO_ADAPTER_CITIZEN_KEY_SECRET", citizenKeySecret))) {
            return production.awaitExit(Duration.ofSeconds(120));
        }
    }

    private static String url(String service) {
        return platform.get(service).url();
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
        return Eventually.value(PATIENCE, () -> {
            var response = given().baseUri(url("analytics-service")).auth().oauth2(ANALYST).get("/api/v1/stats/channels");
            if (response.statusCode() != 200) {
                return null;
            }
            Number web = response.jsonPath().get("channels.web");
            return web == null ? 0L : web.longValue();
        });
    }


}
