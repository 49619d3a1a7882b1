package org.ascolto.analytics.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ascolto.analytics.streams.AnalyticsStreams;
import org.ascolto.analytics.streams.CountsQuery;
import org.ascolto.analytics.streams.LocalStatistics;
import org.ascolto.analytics.streams.StatisticsSettings;
import org.ascolto.analytics.streams.StatisticsTopology;
import org.ascolto.localinfra.FreePorts;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.support.kafka.DeadLetterCounter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A second analytics instance beside the one under test: the production topology in Kafka Streams of the same
 * application id on the test broker, so the two share the partitions, and the peer API that answers with the
 * production {@link LocalStatistics} (a JDK server stands in for Quarkus, which runs once per JVM).
 */
public class SecondInstance implements QuarkusTestResourceLifecycleManager {

    /** Where the test reaches the second instance's peer API. */
    static final String ADDRESS = "test.second-instance.address";

    private KafkaStreams streams;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        String applicationId = "analytics-pair-" + UUID.randomUUID();
        String address = "localhost:" + FreePorts.next();
        String firstAddress = "localhost:" + FreePorts.next();
        try {
            streams = new KafkaStreams(StatisticsTopology.build(new StatisticsSettings(Duration.ofHours(24), ZoneId.of("Europe/Rome"),
                    Duration.ofDays(7))), AnalyticsStreams.properties(applicationId, TestKafka.bootstrapServers(), address,
                            Files.createTempDirectory("ascolto-analytics-second").toString(), Duration.ofMillis(200), 1,
                            new DeadLetterCounter(new SimpleMeterRegistry())));
            server = HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(address.split(":")[1])), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStatistics local = new LocalStatistics(streams);
        ObjectMapper json = new ObjectMapper();
        server.createContext(PeerStatisticsClient.PATH, exchange -> answer(exchange, local, json));
        streams.start();
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put(ADDRESS, address);
        config.put("ascolto.analytics.application-id", applicationId);
        config.put("%test.ascolto.analytics.application-id", applicationId);
        config.put("ascolto.analytics.stream-threads", "1");
        config.put("ascolto.analytics.advertised-address", firstAddress);
        config.put("quarkus.http.test-port", firstAddress.split(":")[1]);
        return config;
    }

    private static void answer(HttpExchange exchange, LocalStatistics local, ObjectMapper json) throws IOException {
        // the instance under test forwards the analyst's token
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        int status = 200;
        byte[] body = new byte[0];
        if (authorization == null || !authorization.startsWith("Bearer ey")) {
            status = 401;
        } else {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            try {
                body = json.writeValueAsBytes(local.read(CountsQuery.of(query.get("granularity"),
                        query.containsKey("from") ? Long.valueOf(query.get("from")) : null,
                        query.containsKey("to") ? Long.valueOf(query.get("to")) : null)));
            } catch (InvalidStateStoreException e) {
                status = 503;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void stop() {
        server.stop(0);
        streams.close(AnalyticsStreams.CLOSE);
    }
}
