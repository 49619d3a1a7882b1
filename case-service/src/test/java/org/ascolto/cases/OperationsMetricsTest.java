package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.cases.monitoring.SlaMonitor;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What operations read at {@code /q/metrics}: dead letters by topic and reason, the case service's own producer, and
 * SLA breaches counted once per case however often the check runs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class OperationsMetricsTest {

    @Inject
    SealedRecords sealed;

    private static final Map<String, String> ROUTED = Map.of("topic", Topics.CONTACTS_ROUTED);

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    SlaMonitor sla;

    @Test
    void deadLettersAreCountedByTopicAndReasonAndTheProducerReportsItsSends() {
        PrometheusText before = scrape();
        CitizenContact nul = Contacts.contact("web", Contacts.newCitizenKey(), "buca in via Padova\u0000 civico 12");
        CitizenContact good = Contacts.contact("web", Contacts.newCitizenKey(), "orari dell'anagrafe di via Larga");
        TestKafka.send(List.of(new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, "no-value", null),
                Contacts.routedRecord(nul, Contacts.decision("other", false), sealed::routed),
                Contacts.routedRecord(good, Contacts.decision("other", false), sealed::routed)));
        awaitCaseOf(good.contactId());

        PrometheusText after = awaitScrape(scrape -> deadLetters(scrape, "refused-by-database") > deadLetters(before, "refused-by-database"));
        assertEquals(1, deadLetters(after, "no-value") - deadLetters(before, "no-value"));
        assertEquals(1, deadLetters(after, "refused-by-database") - deadLetters(before, "refused-by-database"));
        assertTrue(after.names().stream().noneMatch(name -> name.contains("Padova")));
        assertTrue(after.has("kafka_producer_connection_count", Map.of()), "the service's own producer is bound");
        assertTrue(after.sum("kafka_producer_record_send_total", Map.of()) > 0, "dead letters and case events were sent");
        assertEquals(0, after.sum("ascolto_consumer_waiting", Map.of("consumer", "routed-contacts")));
        assertTrue(after.has("ascolto_cases_outbox_backlog", Map.of()));
    }

    @Test
    void aCasePastItsSlaIsCountedOnceAndIsOverdueUntilResolved() {
        CitizenContact contact = Contacts.contact("phone", Contacts.newCitizenKey(), "semaforo guasto in piazzale Loreto");
        TestKafka.send(List.of(Contacts.routedRecord(contact, Contacts.decision("mobility", true), sealed::routed)));
        UUID caseId = UUID.fromString(awaitCaseOf(contact.contactId()).getString("id"));
        sla.check();
        PrometheusText before = scrape();

        TestTables.execute("update cases set sla_due_at = now() - interval '1 minute' where id = ?", caseId);
        sla.check();
        sla.check();
        PrometheusText breached = scrape();
        assertEquals(1, breached.sum("ascolto_cases_sla_breached_total", Map.of())
                - before.sum("ascolto_cases_sla_breached_total", Map.of()));
        assertEquals(1, breached.sum("ascolto_cases_overdue", Map.of()) - before.sum("ascolto_cases_overdue", Map.of()));

        assertEquals(200, CaseApi.change(caseId.toString(), "status", "{\"status\":\"RESOLVED\"}"));
        sla.check();
        PrometheusText resolved = scrape();
        assertEquals(before.sum("ascolto_cases_overdue", Map.of()), resolved.sum("ascolto_cases_overdue", Map.of()));
        assertEquals(breached.sum("ascolto_cases_sla_breached_total", Map.of()),
                resolved.sum("ascolto_cases_sla_breached_total", Map.of()), "a resolved late case is not counted again");
    }

    private static double deadLetters(PrometheusText scrape, String reason) {
        Map<String, String> labels = new HashMap<>(ROUTED);
        labels.put("reason", reason);
        return scrape.sum("ascolto_dead_letters_total", labels);
    }

    private PrometheusText awaitScrape(Predicate<PrometheusText> until) {
        Instant deadline = Instant.now().plus(CaseApi.PATIENCE);
        while (true) {
            PrometheusText scrape = scrape();
            if (until.test(scrape) || Instant.now().isAfter(deadline)) {
                return scrape;
            }
            CaseApi.pause();
        }
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.given().get(metrics).then().statusCode(200).extract().asString());
    }
}
