package org.ascolto.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.GraphApiStandIn;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.SendApiStandIn;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestKeyring;
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
 * becomes a case whose operator's reply reaches a stand-in for Meta and whose delivery receipt reaches the timeline, and
 * so does a Messenger message through a stand-in for the Send API; every series the alerts and the dashboard watch is emitted.
 */
class PipelineEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SUPERVISOR = TestTokens.supervisor("s.supervisor");
    private static final String ANALYST = TestTokens.of("a.analyst", List.of("analyst"), List.of());

    private static final GraphApiStandIn META = new GraphApiStandIn();
    private static final SendApiStandIn SEND_API = new SendApiStandIn();
    private static final String BUSINESS_NUMBER = "106540352242922";
    private static final String DPO = TestTokens.of("dora.dpo", List.of("data-protection-officer"), List.of());
    /** Analytics' stores of citizens' recent contacts, whose changelogs hold what a restore would bring back. */
    private static final List<String> HISTORY_STORES = List.of("contacts-by-citizen", "routed-by-citizen");
    private static final Map<String, TestDatabase> databases = new LinkedHashMap<>();
    /** The keyring database every service that seals or opens shares; the case service migrates it. */
    private static TestDatabase keyringDatabase;
    /** The services' own codec, with the local profile's master key, reading the topics as they do. */
    private static SealedRecords sealed;
    private static String analyticsApplicationId;
    private static final Map<String, ServiceProcess> platform = new LinkedHashMap<>();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @BeforeAll
    static void startPlatform() throws Exception {
        smtp.start();
        String kafka = TestKafka.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        META.start();
        SEND_API.start();
        keyringDatabase = TestDatabase.create();
        sealed = new SealedRecords(Keyring.connect(keyringDatabase.jdbcUrl(), TestDatabase.user(), TestKeyring.password(),
                MasterKey.of(MasterKey.DEVELOPMENT)));
        for (Path module : ServiceProcess.listed()) {
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka));
            if (module.getFileName().toString().equals("whatsapp-adapter")) {
                env.put("ASCOLTO_WHATSAPP_GRAPH_BASE_URL", META.baseUrl());
            }
            if (module.getFileName().toString().equals("meta-adapter")) {
                env.put("ASCOLTO_META_GRAPH_BASE_URL", SEND_API.baseUrl());
            }
            if (ServiceProcess.hasDatabase(module)) {
                TestDatabase database = TestDatabase.create();
                databases.put(module.getFileName().toString(), database);
                env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
                env.put("QUARKUS_DATASOURCE_USERNAME", TestDatabase.user());
            }
            if (ServiceProcess.usesKeyring(module)) {
                env.put("QUARKUS_DATASOURCE_KEYRING_JDBC_URL", keyringDatabase.jdbcUrl());
                env.put("QUARKUS_DATASOURCE_KEYRING_USERNAME", TestDatabase.user());
            }
            if (module.getFileName().toString().equals("analytics-service")) {
                analyticsApplicationId = "analytics-e2e-" + run;
                env.put("ASCOLTO_ANALYTICS_APPLICATION_ID", analyticsApplicationId);
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
        started.addAll(databases.values());
        started.add(keyringDatabase);
        started.add(META::stop);
        started.add(SEND_API::stop);
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
            RoutedContact record = sealed.openRouted(routed.get(0).value()).orElseThrow();
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
        String answer = "Buongiorno Giulia, la Polizia Locale è stata avvisata: una pattuglia è in arrivo.";
        String caseId = replyToTheCaseOf(ContactIds.of("whatsapp", wamid), "marco.operatore", answer);
        String reference = caseOf(ContactIds.of("whatsapp", wamid).toString()).getString("reference");
        GraphApiStandIn.Request receipt = Eventually.value(PATIENCE, () -> GraphApiStandIn.requestsTo(waId).stream().findFirst().orElse(null));
        assertTrue(receipt.body().path("text").path("body").asText().contains(reference), "the receipt names the case reference");
        GraphApiStandIn.Request sent = Eventually.value(PATIENCE, () -> GraphApiStandIn.requestsTo(waId).stream()
                .filter(r -> answer.equals(r.body().path("text").path("body").asText())).findFirst().orElse(null));
        assertEquals(List.of(), sent.violations(), "the send request has Meta's documented path, token and body");
        assertEquals(BUSINESS_NUMBER, sent.phoneNumberId());
        assertEquals(answer, sent.body().path("text").path("body").asText());
        assertEquals(wamid, sent.body().path("context").path("message_id").asText());

        redeliverTheReplyOf(caseId);
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

    @Test
    void aMessengerMessageGetsAnOperatorsReplyOnceThroughTheSendApiAndItsDeliveryReachesTheCaseTimeline() throws Exception {
        String psid = "65432" + (10000000000L + new Random().nextLong(89999999999L));
        String mid = "m_e2e-" + UUID.randomUUID();
        postToMeta(("{\"object\":\"page\",\"entry\":[{\"id\":\"" + SendApiStandIn.PAGE_ID + "\",\"time\":" + System.currentTimeMillis()
                + ",\"messaging\":[{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + SendApiStandIn.PAGE_ID + "\"},"
                + "\"timestamp\":" + System.currentTimeMillis() + ",\"message\":{\"mid\":\"" + mid + "\","
                + "\"text\":\"in via Padova 120 c'è un albero caduto sul marciapiede\"}}]}]}").getBytes(StandardCharsets.UTF_8));
        String answer = "Buongiorno, abbiamo avvisato il servizio del verde: la squadra passerà in giornata.";
        String caseId = replyToTheCaseOf(ContactIds.of("facebook", mid), "sara.operatrice", answer);
        SendApiStandIn.Request sent = Eventually.value(PATIENCE, () -> SendApiStandIn.requestsTo(psid).stream().findFirst().orElse(null));
        assertEquals(List.of(), sent.violations(), "the send request has Meta's documented path, token and body");
        assertEquals(SendApiStandIn.PAGE_ID, sent.pageId());
        assertEquals("RESPONSE", sent.body().path("messaging_type").asText());
        assertEquals(answer, sent.body().path("message").path("text").asText());

        redeliverTheReplyOf(caseId);
        postToMeta(SendApiStandIn.delivery(psid, List.of(sent.messageId()), Instant.now().toEpochMilli()));
        JsonPath delivered = Eventually.value(PATIENCE, () -> {
            JsonPath view = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/cases/" + caseId).jsonPath();
            return "delivered".equals(view.getString("replies[0].status")) ? view : null;
        });
        assertEquals(List.of("sent", "delivered"), delivered.getList("replies[0].statuses.status"));
        assertEquals(1, SendApiStandIn.requestsTo(psid).size(), "the redelivered reply record sent nothing more");
    }

    /** Once the contact is a case, an operator of its queue answers it; the case id. */
    private static String replyToTheCaseOf(UUID contactId, String operator, String answer) {
        JsonPath theCase = caseOf(contactId.toString());
        String caseId = theCase.getString("id");
        given().baseUri(url("case-service")).auth().oauth2(TestTokens.operator(operator, theCase.getString("queue")))
                .contentType(ContentType.JSON).body(Map.of("text", answer)).post("/api/v1/cases/" + caseId + "/replies")
                .then().statusCode(201);
        return caseId;
    }

    /** Kafka delivers the record of the operator's reply to the case again (not a notice), as it may after a rebalance. */
    private static void redeliverTheReplyOf(String caseId) {
        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            ConsumerRecord<String, byte[]> reply = replies.await(r -> caseId.equals(r.key())
                    && sealed.openReply(r.value()).orElseThrow().notice() == null, 1, Duration.ofSeconds(10)).get(0);
            TestKafka.send(List.of(new ProducerRecord<>(Topics.REPLIES, null, reply.key(), reply.value(), reply.headers())));
        }
    }

    @Test
    void aCitizenWhoWroteOnWhatsAppByFormAndByEmailIsErasedFromTheCasesAnalyticsAndTheAdapters() throws Exception {
        String waId = "39333" + (1000000 + new Random().nextInt(8999999));
        String email = "erasmo." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String secret = "Erasmo" + UUID.randomUUID().toString().substring(0, 8);
        String formContact = given().baseUri(url("web-adapter")).contentType(ContentType.JSON)
                .body(Map.of("name", secret + " Rossi", "email", email, "phone", "+" + waId, "subject", "Residenza",
                        "message", "Sono " + secret + ", ho chiesto il cambio di residenza: quando arriva la conferma?",
                        "privacyConsent", true))
                .post("/api/v1/requests").then().statusCode(202).extract().path("contactId");
        caseOf(formContact);
        // after the form, so that the WhatsApp message is its case's latest contact, the one a reply answers
        String wamid = "wamid.e2e-" + UUID.randomUUID();
        postToWhatsApp(whatsAppMessages(waId, List.of(wamid), "il lampione sotto casa di " + secret + " è spento"));
        String whatsappContact = ContactIds.of("whatsapp", wamid).toString();
        String emailContact = postMail(email, "<" + UUID.randomUUID() + "@mail.example.org>",
                "Buongiorno, sono " + secret + ": vorrei pagare la TARI a rate.");
        String whatsappCase = caseOf(whatsappContact).getString("id");
        JsonPath emailCaseView = caseOf(emailContact);
        String emailCase = emailCaseView.getString("id");
        Set<String> keys = Set.of(caseOf(formContact).getString("citizenKey"), emailCaseView.getString("citizenKey"));
        given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", "Gentile " + secret + ", il lampione sarà riparato entro domani."))
                .post("/api/v1/cases/" + whatsappCase + "/replies").then().statusCode(201);
        given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", "Gentile " + secret + ", può chiedere la rateizzazione online."))
                .post("/api/v1/cases/" + emailCase + "/replies").then().statusCode(201);
        // every reply of the two cases sent, the operators' and the notices'
        String sentReply = "select count(*) from sent_replies where case_id = ? and state = 'SENT' and %s is not null";
        Eventually.until(PATIENCE, () -> number("whatsapp-adapter", sentReply.formatted("provider_message_id"), UUID.fromString(whatsappCase))
                == repliesOf(whatsappCase) && number("email-adapter", sentReply.formatted("message_id"), UUID.fromString(emailCase))
                == repliesOf(emailCase));
        Eventually.until(PATIENCE, () -> HISTORY_STORES.stream().allMatch(store -> keys.stream().allMatch(
                key -> latestHistories(store).getOrDefault(key, Optional.empty()).isPresent())));
        assertEquals(2, keys.size(), "the form and WhatsApp share the phone's key; the email has the address's");
        assertTrue(databaseHolds("case-service", "case_contacts", secret, waId, email), "the test can see what it erases");
        // one of the citizen's records the case database refuses (a NUL in the text): it waits in the DLQ, as it came
        CitizenContact refused = Contacts.contact("web", caseOf(formContact).getString("citizenKey"), secret + " \u0000 residenza");
        TestKafka.send(List.of(Contacts.record(refused, sealed::contact)));
        try (TopicProbe deadLetters = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            deadLetters.await(r -> refused.contactId().toString().equals(CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID)
                    .orElse(null)), 1, PATIENCE);
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> sealedBefore = sealedRecordsOf(keys);
        for (String topic : List.of(Topics.CONTACTS, Topics.CONTACTS_ROUTED, Topics.REPLIES, Topics.CONTACTS_DLQ)) {
            assertFalse(sealedBefore.get(topic).isEmpty(), "the citizen's records on " + topic);
            for (ConsumerRecord<String, byte[]> record : sealedBefore.get(topic)) {
                assertTrue(opened(record).isPresent(), "before the erasure, the services open " + topic + " " + record.offset());
            }
        }
        double whatsAppErasures = erasuresApplied("whatsapp-adapter");
        double emailErasures = erasuresApplied("email-adapter");

        long started = System.nanoTime();
        JsonPath erasure = given().baseUri(url("case-service")).auth().oauth2(DPO).contentType(ContentType.JSON)
                .body(Map.of("email", email.toUpperCase())).post("/api/v1/privacy/erasures").then().statusCode(201).extract().jsonPath();
        long answered = System.nanoTime();
        assertEquals(3, erasure.getInt("contacts"), "the WhatsApp message, the form and the email");
        Eventually.until(PATIENCE, () -> HISTORY_STORES.stream().allMatch(store -> keys.stream().allMatch(
                key -> latestHistories(store).get(key).isEmpty())));
        long analyticsErased = System.nanoTime();
        Eventually.until(PATIENCE, () -> erasuresApplied("whatsapp-adapter") >= whatsAppErasures + 2
                && erasuresApplied("email-adapter") >= emailErasures + 2);
        long adaptersErased = System.nanoTime();
        System.out.printf("erasure of a citizen on three channels: %d ms through the case API, %d ms until analytics, %d ms until"
                + " the adapters%n", (answered - started) / 1_000_000, (analyticsErased - started) / 1_000_000,
                (adaptersErased - started) / 1_000_000);

        for (String contact : List.of(whatsappContact, formContact, emailContact)) {
            String view = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + contact)
                    .then().statusCode(200).body("citizenKey", equalTo("redacted")).extract().asString();
            assertFalse(view.contains(secret) || view.contains(waId) || view.toLowerCase().contains(email), view);
        }
        given().baseUri(url("case-service")).auth().oauth2(DPO).contentType(ContentType.JSON).body(Map.of("phone", "+" + waId))
                .post("/api/v1/privacy/exports").then().statusCode(200).body("cases.size()", equalTo(0));
        for (String table : List.of("cases", "case_contacts", "case_notes", "case_replies", "case_event_outbox", "erasures", "audit_log")) {
            assertFalse(databaseHolds("case-service", table, secret, waId, email), "the case database's " + table);
        }
        assertFalse(databaseHolds("whatsapp-adapter", "sent_replies", secret, waId, email));
        for (List<Object> reply : rows("whatsapp-adapter", "select state, provider_message_id from sent_replies where case_id = ?",
                UUID.fromString(whatsappCase))) {
            assertEquals(Arrays.asList("SENT", null), reply, "Meta's message id (it names the recipient) is gone; the reply stays claimed");
        }
        for (List<Object> reply : rows("email-adapter", "select state, message_id from sent_replies where case_id = ?",
                UUID.fromString(emailCase))) {
            assertEquals(Arrays.asList("SENT", null), reply, "the Message-ID is gone; the reply stays claimed");
        }
        try (TopicProbe erasures = new TopicProbe(TestKafka.bootstrapServers(), Topics.ERASURES)) {
            for (ConsumerRecord<String, byte[]> told : erasures.await(r -> keys.contains(r.key()), 2, PATIENCE)) {
                String value = new String(told.value(), StandardCharsets.UTF_8);
                assertFalse(value.contains(secret) || value.contains(waId) || value.contains(email), value);
            }
        }
        // crypto-shredding: what Kafka keeps of the citizen (7 days, the DLQ 30) can never be opened again, by anyone
        // read as anyone who comes to the topics after the erasure reads them: a process that held the citizen's key in
        // its cache (this test's codec, the services') may still open their records for the cache's time to live
        Map<String, List<ConsumerRecord<String, byte[]>>> sealedAfter = sealedRecordsOf(keys);
        SealedRecords afterTheErasure = new SealedRecords(Keyring.connect(keyringDatabase.jdbcUrl(), TestDatabase.user(),
                TestKeyring.password(), MasterKey.of(MasterKey.DEVELOPMENT)));
        for (String topic : sealedBefore.keySet()) {
            assertTrue(sealedAfter.get(topic).size() >= sealedBefore.get(topic).size(), topic);
            for (ConsumerRecord<String, byte[]> record : sealedAfter.get(topic)) {
                assertEquals(Optional.empty(), opened(afterTheErasure, record), "after the erasure, " + topic + " " + record.offset());
            }
        }
        for (String topic : everyTopic()) {
            try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), topic)) {
                for (ConsumerRecord<String, byte[]> record : probe.drain(Duration.ofSeconds(1))) {
                    String raw = rawText(record);
                    assertFalse(raw.contains(secret) || raw.contains(waId) || raw.toLowerCase().contains(email),
                            "the citizen in clear on " + topic + " at " + record.partition() + "/" + record.offset());
                }
            }
        }
    }

    /** The records of the citizen keys on the sealed topics and in the DLQ, by topic; a reply names its citizen in clear. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> sealedRecordsOf(Set<String> keys) {
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new LinkedHashMap<>();
        for (String topic : List.of(Topics.CONTACTS, Topics.CONTACTS_ROUTED, Topics.REPLIES, Topics.CONTACTS_DLQ)) {
            try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), topic)) {
                found.put(topic, probe.drain(Duration.ofSeconds(1)).stream().filter(r -> r.value() != null && keys.contains(
                        topic.equals(Topics.REPLIES) ? EventJson.parse(r.value()).path("citizenKey").asText() : r.key())).toList());
            }
        }
        return found;
    }

    private static Optional<?> opened(ConsumerRecord<String, byte[]> record) {
        return opened(sealed, record);
    }

    /** The record opened with a codec, as the service that reads its topic opens it (a dead letter: its source topic's). */
    private static Optional<?> opened(SealedRecords codec, ConsumerRecord<String, byte[]> record) {
        String topic = record.topic().equals(Topics.CONTACTS_DLQ)
                ? CloudEventHeaders.text(record.headers(), DeadLetter.TOPIC).orElseThrow()
                : record.topic();
        return switch (topic) {
            case Topics.CONTACTS -> codec.openContact(record.value());
            case Topics.CONTACTS_ROUTED -> codec.openRouted(record.value());
            case Topics.REPLIES -> codec.openReply(record.value());
            default -> throw new AssertionError("not a sealed topic: " + topic);
        };
    }

    /** Every topic of the platform. */
    private static List<String> everyTopic() throws IllegalAccessException {
        List<String> topics = new ArrayList<>();
        for (java.lang.reflect.Field field : Topics.class.getFields()) {
            topics.add((String) field.get(null));
        }
        return topics;
    }

    /** A record's key, value and headers as text, as anyone with access to the topic reads them. */
    private static String rawText(ConsumerRecord<String, byte[]> record) {
        StringBuilder raw = new StringBuilder(String.valueOf(record.key()));
        if (record.value() != null) {
            raw.append(new String(record.value(), StandardCharsets.UTF_8));
        }
        record.headers().forEach(header -> raw.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8)));
        return raw.toString();
    }

    @Test
    void erasingACitizenWithAThousandContactsReachesEveryStoreAndPrintsHowLongItTook() throws Exception {
        String waId = "39347" + (1000000 + new Random().nextInt(8999999));
        List<String> wamids = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add("wamid.e2e-" + UUID.randomUUID());
            }
            postToWhatsApp(whatsAppMessages(waId, ids, "segnalazione numero " + batch + " sulla buca di via Padova"));
            wamids.addAll(ids);
        }
        String key = caseOf(ContactIds.of("whatsapp", wamids.get(0)).toString()).getString("citizenKey");
        String held = "select count(*) from case_contacts k join cases c on c.id = k.case_id where c.citizen_key = ?";
        Eventually.until(Duration.ofMinutes(5), () -> number("case-service", held, key) == 1000);
        Eventually.until(PATIENCE, () -> HISTORY_STORES.stream().allMatch(store -> latestHistories(store).getOrDefault(key, Optional.empty()).isPresent()));
        double whatsAppErasures = erasuresApplied("whatsapp-adapter");

        long started = System.nanoTime();
        JsonPath erasure = given().baseUri(url("case-service")).auth().oauth2(DPO).contentType(ContentType.JSON)
                .body(Map.of("phone", "+" + waId)).post("/api/v1/privacy/erasures").then().statusCode(201).extract().jsonPath();
        long answered = System.nanoTime();
        Eventually.until(PATIENCE, () -> HISTORY_STORES.stream().allMatch(store -> latestHistories(store).get(key).isEmpty()));
        long analyticsErased = System.nanoTime();
        Eventually.until(PATIENCE, () -> erasuresApplied("whatsapp-adapter") > whatsAppErasures);
        long adaptersErased = System.nanoTime();
        System.out.printf("erasure of a citizen with 1,000 contacts in %d cases: %d ms in the case database, %d ms through the case API,"
                + " %d ms until analytics' histories were deleted, %d ms until the WhatsApp adapter had applied it%n",
                erasure.getInt("cases"), erasure.getLong("tookMillis"), (answered - started) / 1_000_000,
                (analyticsErased - started) / 1_000_000, (adaptersErased - started) / 1_000_000);
        assertEquals(1000, erasure.getInt("contacts"));
        assertEquals(0, number("case-service", "select count(*) from case_contacts where text like 'segnalazione numero %'"));
    }

    /** WhatsApp's notification of these messages of one sender, all with the same text. */
    private static byte[] whatsAppMessages(String waId, List<String> wamids, String text) {
        String messages = wamids.stream().map(wamid -> "{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}")
                .collect(Collectors.joining(","));
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"390288450000\",\"phone_number_id\":\""
                + BUSINESS_NUMBER + "\"},\"contacts\":[{\"profile\":{\"name\":\"Erasmo\"},\"wa_id\":\"" + waId + "\"}],\"messages\":["
                + messages + "]},\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Delivers an email to the email adapter as a mail server does; answers its contact id. */
    private static String postMail(String from, String messageId, String text) throws Exception {
        byte[] mail = ("From: " + from + "\r\nTo: urp@comune.milano.it\r\nSubject: TARI\r\nMessage-ID: " + messageId
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("local-email-signing-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return given().baseUri(url("email-adapter")).contentType("message/rfc822")
                .header("X-Ascolto-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac.doFinal(mail))).body(mail)
                .post("/api/v1/messages").then().statusCode(202).extract().path("contactIds[0]");
    }

    /** How many replies the case's timeline has, the operators' and the notices'. */
    private static int repliesOf(String caseId) {
        return given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath().getList("replies").size();
    }

    private static JsonPath caseOf(String contactId) {
        return Eventually.value(PATIENCE, () -> {
            var response = given().baseUri(url("case-service")).auth().oauth2(SUPERVISOR).get("/api/v1/contacts/" + contactId);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        });
    }

    /**
     * The latest value of every citizen key in the changelog of one of analytics' history stores (what a restore rebuilds
     * the store from): empty once the key's history was deleted.
     */
    private static Map<String, Optional<byte[]>> latestHistories(String store) {
        Map<String, Optional<byte[]>> latest = new HashMap<>();
        try (TopicProbe changelog = new TopicProbe(TestKafka.bootstrapServers(), analyticsApplicationId + "-" + store + "-changelog")) {
            changelog.drain(Duration.ofSeconds(1)).forEach(r -> latest.put(r.key(), Optional.ofNullable(r.value())));
        }
        return latest;
    }

    /** Whether a table of a service's database holds, in any column, the text, the phone number or the email address. */
    private static boolean databaseHolds(String service, String table, String text, String phone, String email) {
        return number(service, "select count(*) from " + table + " t where t::text like ? or t::text like ? or lower(t::text) like ?",
                "%" + text + "%", "%" + phone + "%", "%" + email + "%") > 0;
    }

    private static double erasuresApplied(String service) {
        String scrape = given().baseUri(platform.get(service).managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.parse(scrape).sum("ascolto_erasures_applied_total", Map.of());
    }

    private static long number(String service, String sql, Object... parameters) {
        return ((Number) rows(service, sql, parameters).get(0).get(0)).longValue();
    }

    /** Every row a query of a service's own database answers, read as an auditor with database access would. */
    private static List<List<Object>> rows(String service, String sql, Object... parameters) {
        try (Connection connection = databases.get(service).connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Posts a notification to the WhatsApp adapter as Meta does, signed with the local run's app secret. */
    private static void postToWhatsApp(byte[] notification) throws Exception {
        postSigned("whatsapp-adapter", "/webhooks/whatsapp", "local-whatsapp-app-secret", notification);
    }

    /** Posts a notification to the Meta adapter as Meta does, signed with the local run's app secret. */
    private static void postToMeta(byte[] notification) throws Exception {
        postSigned("meta-adapter", "/webhooks/meta", "local-meta-app-secret", notification);
    }

    private static void postSigned(String service, String path, String appSecret, byte[] notification) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        given().baseUri(url(service)).contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac.doFinal(notification)))
                .body(notification).post(path).then().statusCode(200);
    }

    @Test
    void inProductionAServiceRefusesToStartWithADevelopmentSecretNamingTheVariable() throws Exception {
        String ended = productionStart("channel-adapters/web-adapter", "local-development-secret-change-me", Map.of());
        assertTrue(ended.startsWith("exit 1"), ended);
        assertTrue(ended.contains("ASCOLTO_ADAPTER_CITIZEN_KEY_SECRET holds a development value"), ended);
        ended = productionStart("channel-adapters/web-adapter", "k3P8w0xZ1v7Qm2Rt6Yh9Lc4Nb5Jd0Fs", Map.of());
        assertTrue(ended.startsWith("exit 1"), ended);
        assertTrue(ended.contains("ASCOLTO_KEYRING_MASTER_KEY (ascolto.keyring.master-key) is not set"), ended);
        // the Page id is no secret (missing, the configuration itself refuses to start), nor is its database the point here
        ended = productionStart("channel-adapters/meta-adapter", "k3P8w0xZ1v7Qm2Rt6Yh9Lc4Nb5Jd0Fs",
                Map.of("ASCOLTO_META_GRAPH_PAGE_ID", SendApiStandIn.PAGE_ID, "QUARKUS_FLYWAY_MIGRATE_AT_START", "false"));
        assertTrue(ended.contains("ASCOLTO_META_APP_SECRET is not set"), ended);
        assertTrue(ended.contains("ASCOLTO_META_VERIFY_TOKEN is not set"), ended);
        assertTrue(ended.contains("ASCOLTO_META_GRAPH_ACCESS_TOKEN is not set"), ended);
    }

    /** How a service started in the prod profile with only this citizen-key secret (and these settings) ends, and what it logged. */
    private static String productionStart(String module, String citizenKeySecret, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(Map.of("QUARKUS_PROFILE", "prod", "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "ASCOLTO_ADAPTER_CITIZEN_KEY_SECRET", citizenKeySecret));
        try (ServiceProcess production = ServiceProcess.start(Path.of(module), env)) {
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
