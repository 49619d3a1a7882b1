package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.ascolto.cases.CaseApi.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * PostgreSQL fails the batch twice, first with an error, then by dropping the connection in the middle of it:
 * the consumer retries with backoff, and every contact ends up stored once, on the right case.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class DatabaseOutageTest {

    @Inject
    SealedRecords sealed;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Inject
    DataSource database;

    @Test
    void aBatchTheDatabaseFailsIsRetriedAndEveryContactStoredOnce() throws SQLException {
        // the next two inserts of contacts fail: first with a full disk, then with the connection dropped mid-batch
        sql("CREATE SEQUENCE outage_strikes",
                "CREATE FUNCTION outage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " CASE nextval('outage_strikes')"
                        + " WHEN 1 THEN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';"
                        + " WHEN 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5);"
                        + " ELSE NULL; END CASE; RETURN NULL; END $$",
                "CREATE TRIGGER outage BEFORE INSERT ON case_contacts FOR EACH STATEMENT EXECUTE FUNCTION outage()");
        try {
            storedOnceDespiteTheOutage();
        } finally {
            sql("DROP TRIGGER outage ON case_contacts", "DROP FUNCTION outage()", "DROP SEQUENCE outage_strikes");
        }
    }

    private void storedOnceDespiteTheOutage() throws SQLException {
        String citizen = Contacts.newCitizenKey();
        List<CitizenContact> contacts = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CitizenContact contact = Contacts.contact(i % 2 == 0 ? "phone" : "whatsapp", citizen, "buca in via Padova " + i);
            contacts.add(contact);
            records.add(Contacts.routedRecord(contact, Contacts.decision(i < 6 ? "mobility" : "safety", false), sealed::routed));
        }
        records.addAll(records.subList(0, 3));
        TestKafka.send(records);

        contacts.forEach(contact -> awaitCaseOf(contact.contactId()));
        assertTrue(strikes() >= 3, "the outage struck twice before a batch went through");
        for (CitizenContact contact : contacts) {
            assertEquals(1L, TestTables.number("select count(*) from case_contacts where contact_id = ?", contact.contactId()));
        }
        List<List<Object>> cases = TestTables.rows("select category, contact_count, (select count(*) from case_event_outbox o"
                + " where o.case_id = c.id) from cases c where citizen_key = ? order by category", citizen);
        assertEquals(List.of("mobility", "safety"), cases.stream().map(c -> c.get(0)).toList());
        assertEquals(List.of(6, 4), cases.stream().map(c -> c.get(1)).toList());
        for (List<Object> c : cases) {
            assertEquals(((Integer) c.get(1)).longValue(), c.get(2), "one outbox event per contact of " + c.get(0));
        }
    }

    /**
     * A database that answers "cannot connect now" (SQLSTATE 57P03, as a starting or shutting-down server does) for far
     * longer than any retry budget: intake waits with readiness DOWN, and recovers by itself when the outage ends.
     */
    @Test
    void aLongOutageIsWaitedForWithReadinessDownAndEndsWithoutARestart() throws Exception {
        sql("CREATE TABLE outage_until (until timestamptz NOT NULL)",
                "INSERT INTO outage_until VALUES (now() + interval '12 seconds')",
                "CREATE FUNCTION long_outage() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF now() < (SELECT until FROM outage_until) THEN"
                        + " RAISE EXCEPTION 'the database system is starting up' USING ERRCODE = '57P03'; END IF;"
                        + " RETURN NULL; END $$",
                "CREATE TRIGGER long_outage BEFORE INSERT ON case_contacts FOR EACH STATEMENT EXECUTE FUNCTION long_outage()");
        try {
            CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "certificato di residenza storico");
            TestKafka.send(List.of(Contacts.routedRecord(contact, Contacts.decision("registry-office", false), sealed::routed)));

            Instant deadline = Instant.now().plusSeconds(10);
            boolean down = false;
            while (!down && Instant.now().isBefore(deadline)) {
                down = RestAssured.given().get(ready).statusCode() == 503;
                CaseApi.pause();
            }
            assertTrue(down, "readiness is DOWN while intake waits for the database");
            given().get("/api/v1/contacts/" + contact.contactId()).then().statusCode(404);

            awaitCaseOf(contact.contactId());
            RestAssured.given().get(ready).then().statusCode(200);
            assertEquals(1L, TestTables.number("select count(*) from case_contacts where contact_id = ?", contact.contactId()));
        } finally {
            sql("DROP TRIGGER long_outage ON case_contacts", "DROP FUNCTION long_outage()", "DROP TABLE outage_until");
        }
    }

    private long strikes() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT last_value FROM outage_strikes")) {
            row.next();
            return row.getLong(1);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : statements) {
                statement.execute(each);
            }
        }
    }
}
