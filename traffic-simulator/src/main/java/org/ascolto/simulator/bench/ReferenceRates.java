package org.ascolto.simulator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** What the machine itself does, measured in the same run: Kafka's own producer benchmark and batched PostgreSQL inserts. */
final class ReferenceRates {

    static final int BATCH = 500;
    private static final String PRODUCER_TOPIC = "ascolto.bench.producer-performance";
    private static final Pattern RECORDS_PER_SECOND = Pattern.compile("records sent, ([\\d.]+) records/sec");

    private ReferenceRates() {
    }

    /** {@code org.apache.kafka.tools.ProducerPerformance}: 1 KB records, acks=all, as fast as it goes, on a scratch topic. */
    static double kafkaProducerPerSecond(String bootstrapServers, int records, int partitions)
            throws IOException, InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(PRODUCER_TOPIC, partitions, (short) 1))).all().get();
            try {
                Process tool = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ProducerPerformance", "--topic", PRODUCER_TOPIC,
                        "--num-records", Integer.toString(records), "--record-size", "1024", "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all")
                        .redirectErrorStream(true).start();
                String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                tool.waitFor();
                Matcher summary = RECORDS_PER_SECOND.matcher(output);
                double rate = Double.NaN;
                while (summary.find()) {
                    rate = Double.parseDouble(summary.group(1));
                }
                if (Double.isNaN(rate)) {
                    throw new IOException("ProducerPerformance printed no summary:\n" + output);
                }
                return rate;
            } finally {
                admin.deleteTopics(List.of(PRODUCER_TOPIC)).all().get();
            }
        }
    }

    /** Rows shaped like case_contacts (11 columns, one JSONB), one connection, JDBC batches of 500 rewritten into multi-row INSERTs. */
    static double postgresInsertsPerSecond(String jdbcUrl, String user, String password, int rows) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("reWriteBatchedInserts", "true");
        String schema = "ascolto_bench_" + Long.toString(System.nanoTime(), 36);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            try {
                ddl.execute("CREATE TABLE " + schema + ".contacts (contact_id uuid PRIMARY KEY, case_id uuid NOT NULL, "
                        + "channel varchar(32) NOT NULL, external_id varchar(512) NOT NULL, occurred_at timestamptz NOT NULL, "
                        + "received_at timestamptz NOT NULL, subject text, text text NOT NULL, language varchar(8), "
                        + "urgent boolean NOT NULL, routed jsonb NOT NULL)");
                connection.setAutoCommit(false);
                long start = System.nanoTime();
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                        + ".contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                    Timestamp now = Timestamp.from(Instant.now());
                    for (int row = 1; row <= rows; row++) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setObject(2, UUID.randomUUID());
                        insert.setString(3, "web");
                        insert.setString(4, "bench-" + row);
                        insert.setTimestamp(5, now);
                        insert.setTimestamp(6, now);
                        insert.setString(7, "Cambio di residenza");
                        insert.setString(8, "Quando arriva la conferma del cambio di residenza? Ho fatto domanda due settimane fa.");
                        insert.setString(9, "it");
                        insert.setBoolean(10, false);
                        insert.setString(11, "{\"category\":\"registry-office\",\"queue\":\"anagrafe\",\"urgent\":false,\"confidence\":0.9}");
                        insert.addBatch();
                        if (row % BATCH == 0 || row == rows) {
                            insert.executeBatch();
                            connection.commit();
                        }
                    }
                }
                return rows / ((System.nanoTime() - start) / 1e9);
            } finally {
                connection.setAutoCommit(true);
                ddl.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The java that runs this program, for the tool's own JVM. */
    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
