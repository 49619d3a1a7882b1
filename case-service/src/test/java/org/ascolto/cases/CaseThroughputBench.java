package org.ascolto.cases;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.ProcessCpu;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test (surefire does not pick it up): routed contacts persisted per second with threading and
 * outbox, beside a raw batched INSERT into the same PostgreSQL in the same run, and the CPU this JVM and PostgreSQL
 * used per contact meanwhile. Each citizen writes twice in each of two categories: half the contacts open a case,
 * half join one. Every record carries a traceparent, as routing's do.
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS=localhost:39092 ./mvnw -B -ntp -pl case-service -am verify \
 *     -Dtest=CaseThroughputBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.contacts=40000
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CaseThroughputBench {

    @Inject
    SealedRecords sealed;

    static final int CONTACTS = Integer.getInteger("bench.contacts", 20_000);
    /** Contacts stored before measuring, so that the measure is of a warm JVM. */
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 10_000);
    static final String[] CATEGORIES = { "taxes", "mobility" };
    static final int RAW_BATCH = 500;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void routedContactsPersistedPerSecondBesideRawBatchedInserts() throws Exception {
        double raw = rawInsertsPerSecond();
        Instant warmUpBuilt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        persist(routedRecords(WARM_UP), warmUpBuilt);

        Instant built = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ProducerRecord<String, byte[]>> measured = routedRecords(CONTACTS);
        long casesBefore = TestTables.number("select count(*) from cases");
        long eventsBefore = TestTables.number("select count(*) from case_event_outbox");
        long start = System.nanoTime();
        double jvmCpu = ProcessCpu.seconds(ProcessHandle.current().pid());
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        double postgresCpu = ProcessCpu.secondsOfAll("postgres");
        double sentSeconds = persist(measured, built);
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmMicros = (ProcessCpu.seconds(ProcessHandle.current().pid()) - jvmCpu) * 1e6 / CONTACTS;
        double postgresMicros = (ProcessCpu.secondsOfAll("postgres") - postgresCpu) * 1e6 / CONTACTS;
        double compilingMicros = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling) * 1e3 / CONTACTS;
        long cases = TestTables.number("select count(*) from cases") - casesBefore;
        long events = TestTables.number("select count(*) from case_event_outbox") - eventsBefore;

        System.out.printf("%nBENCH case-service: %d routed contacts persisted in %.2f s = %.0f contacts/s "
                + "(after %d warm-up contacts; threading onto %d new cases, %d outbox events; producer finished after %.2f s)%n",
                CONTACTS, seconds, CONTACTS / seconds, WARM_UP, cases, events, sentSeconds);
        System.out.printf("BENCH CPU per contact meanwhile: this JVM %.0f µs (the intake, the outbox relay and the test's"
                + " producer; of it, about %.0f µs its JIT compilers' time), PostgreSQL %.0f µs (every postgres process of"
                + " this machine); load average %s%n",
                jvmMicros, compilingMicros, postgresMicros, ProcessCpu.loadAverage());
        System.out.printf("BENCH same PostgreSQL, raw batched INSERT (%d rows per batch, reWriteBatchedInserts, "
                + "one commit per batch, 10 columns with JSONB): %.0f rows/s%n%n", RAW_BATCH, raw);
    }

    /** {@code count} routed contacts as routing publishes them, built before any clock starts. */
    private List<ProducerRecord<String, byte[]>> routedRecords(int count) {
        int citizenCount = count / 4;
        List<String> citizens = new ArrayList<>();
        for (int i = 0; i < citizenCount; i++) {
            citizens.add(Contacts.newCitizenKey());
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CitizenContact contact = Contacts.contact(i % 3 == 0 ? "phone" : "web", citizens.get(i % citizenCount),
                    "segnalazione numero " + i + " su tassa rifiuti e parcheggio");
            var record = Contacts.routedRecord(contact, Contacts.decision(CATEGORIES[(i / citizenCount) % 2], i % 50 == 0), sealed::routed);
            TraceContext.continueInto(null, record.headers());
            records.add(record);
        }
        return records;
    }

    /**
     * Sends the records and waits until all are stored; answers how long sending took. Only contacts received since
     * {@code built} count: a topic of a broker kept between runs may hold records an earlier run did not finish. The
     * count is a scan of the table, so it is taken every 200 ms: often enough, without loading the database.
     */
    private double persist(List<ProducerRecord<String, byte[]>> records, Instant built) throws InterruptedException {
        long start = System.nanoTime();
        sendAll(records);
        double sentSeconds = (System.nanoTime() - start) / 1e9;
        while (storedSince(built) < records.size()) {
            Thread.sleep(200);
        }
        return sentSeconds;
    }

    /** Sends without waiting for each acknowledgement, as a busy routing service does, then waits for all. */
    private static void sendAll(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static long storedSince(Instant built) {
        return TestTables.number("select count(*) from case_contacts where received_at >= ?", built.atOffset(ZoneOffset.UTC));
    }

    /** The reference figure: the fastest plain way to put rows of the same shape into this database. */
    private double rawInsertsPerSecond() throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", user, "")) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CREATE TABLE bench_raw (id uuid PRIMARY KEY, case_id uuid NOT NULL, channel varchar(32) NOT NULL,"
                        + " external_id varchar(512) NOT NULL, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL,"
                        + " subject text, text text NOT NULL, language varchar(8), routed jsonb NOT NULL)");
            }
            db.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_raw VALUES (?,?,?,?,?,?,?,?,?,?::jsonb)")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < CONTACTS; i++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, UUID.randomUUID());
                    insert.setString(3, "web");
                    insert.setString(4, UUID.randomUUID().toString());
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                    insert.setString(7, null);
                    insert.setString(8, "segnalazione numero " + i + " su tassa rifiuti e parcheggio");
                    insert.setString(9, "it");
                    insert.setString(10, "{\"routing\":{\"category\":\"taxes\",\"queue\":\"tributi\"},\"n\":" + i + "}");
                    insert.addBatch();
                    if ((i + 1) % RAW_BATCH == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            return CONTACTS / ((System.nanoTime() - start) / 1e9);
        }
    }
}
