package org.ascolto.localinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a {@code @QuarkusTest} at the test run's Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", TestKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker is shared by the whole test JVM and stops with it
    }
}
