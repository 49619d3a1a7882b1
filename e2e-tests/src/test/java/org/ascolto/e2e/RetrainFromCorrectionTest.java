package org.ascolto.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestKeyring;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Issue 18's loop, with the packaged case service, a real database and real tokens: an operator corrects a case's
 * category through the operator API, and the retraining tool, run as {@code ./ascolto retrain} runs it, reads that
 * correction as the model trainer, trains a candidate that learns from it, evaluates it on the development split and
 * the blind set and decides: promoted into the promoted versions' file with the correction beside it, or refused with
 * the figures that got worse and the correction removed.
 */
class RetrainFromCorrectionTest {

    /** The case service's codec, on the test JVM's keyring database it is given. */
    private static final SealedRecords sealed = new SealedRecords(Keyring.connect(TestKeyring.jdbcUrl(), TestDatabase.user(),
            TestKeyring.password(), MasterKey.of(TestKeyring.MASTER_KEY)));

    private static final String TEXT = "buonasera, sotto casa mia in via padova ogni notte fanno a botte e urlano fino alle 3";

    @Test
    void aCorrectionMadeThroughTheOperatorApiReachesTheRetrainedCandidate() throws Exception {
        String kafka = TestKafka.bootstrapServers();
        try (TestDatabase database = TestDatabase.create();
                ServiceProcess cases = ServiceProcess.start(Path.of("case-service"), Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka,
                        "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", TestDatabase.user(),
                        "QUARKUS_DATASOURCE_KEYRING_JDBC_URL", TestKeyring.jdbcUrl(), "QUARKUS_DATASOURCE_KEYRING_USERNAME",
                        TestDatabase.user()))) {
            cases.awaitReady(Duration.ofSeconds(180));
            CitizenContact contact = Contacts.contact("whatsapp", Contacts.newCitizenKey(), TEXT);
            TestKafka.send(List.of(Contacts.routedRecord(contact,
                    new RoutingDecision("other", 0.41, false, "it", "triage", 72, List.of("language it"), "test"), sealed::routed)));
            String caseId = caseOf(cases, contact);
            given().baseUri(cases.url()).auth().oauth2(TestTokens.operator("ugo.triage", "triage")).contentType(ContentType.JSON)
                    .body("{\"category\":\"safety\"}").put("/api/v1/cases/" + caseId + "/category")
                    .then().statusCode(200);

            Path folder = Files.createTempDirectory("retrain");
            Path promoted = folder.resolve("promoted.properties");
            Path output = ServiceProcess.LOGS.resolve("retrain.log");
            Path routing = ServiceProcess.ROOT.resolve("routing-service");
            String classpath = routing.resolve("target/test-classes") + ":" + routing.resolve("target/classes") + ":"
                    + Files.readString(routing.resolve("target/test.classpath")).strip();
            ProcessBuilder retrain = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                    "-cp", classpath, "org.ascolto.routing.domain.Retraining")
                    .directory(ServiceProcess.ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            retrain.environment().putAll(Map.of("ASCOLTO_TOKEN", TestTokens.of("marta.modelli", List.of("model-trainer"), List.of()),
                    "ASCOLTO_CASE_API", cases.url(), "ASCOLTO_ROUTING_PROMOTED", promoted.toString()));
            Process running = retrain.start();
            assertTrue(running.waitFor(15, TimeUnit.MINUTES), "retraining still runs after 15 minutes, see " + output);
            String printed = Files.readString(output);

            assertTrue(printed.contains("1 labelled examples from the operators' corrections"), printed);
            Matcher candidate = Pattern.compile("candidate (milan-11-r\\d{12}) learns from \\d+ examples, 1 of them the operators'"
                    + " corrections").matcher(printed);
            assertTrue(candidate.find(), printed);
            Path corrections = promoted.resolveSibling("corrections-" + candidate.group(1) + ".jsonl");
            if (running.exitValue() == 0) {
                assertTrue(printed.contains("PROMOTED " + candidate.group(1)), printed);
                assertTrue(Files.readString(promoted).contains("ascolto.routing.model=" + candidate.group(1)));
                assertTrue(Files.readString(corrections).contains(TEXT));
            } else {
                assertTrue(printed.contains("REFUSED " + candidate.group(1) + ": worse than milan-11"), printed);
                assertTrue(Files.notExists(corrections), "a refused candidate's corrections are not kept");
            }
            try (var written = Files.list(folder)) {
                for (Path file : written.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
            assertEquals(1, given().baseUri(cases.url()).auth().oauth2(TestTokens.of("aldo.auditor", List.of("auditor"), List.of()))
                    .queryParam("caseId", caseId).queryParam("user", "marta.modelli").get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath().getList("entries").size(), "the trainer's read is audited");
        }
    }

    private static String caseOf(ServiceProcess cases, CitizenContact contact) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var answer = given().baseUri(cases.url()).auth().oauth2(TestTokens.supervisor("s.supervisor"))
                    .get("/api/v1/contacts/" + contact.contactId());
            if (answer.statusCode() == 200) {
                return answer.jsonPath().getString("id");
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no case for contact " + contact.contactId());
    }
}
