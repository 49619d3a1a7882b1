package org.ascolto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every client a service creates itself connects as the service's user, with what the deployment sets in KAFKA_*. */
class KafkaConnectionTest {

    /** What Quarkus' default-kafka-broker map holds on Kubernetes: KAFKA_* variables, kafka.* properties, its own group.id. */
    private static final Map<String, Object> KUBERNETES = Map.of(
            "bootstrap.servers", "ascolto-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ascolto-case-service\" password=\"x\";",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n",
            "group.id", "case-service",
            "max.poll.records", "2000");

    @Test
    void keepsTheBootstrapServersAndTheSecuritySettingsOnly() {
        Map<String, Object> connection = KafkaConnection.settings(KUBERNETES);

        assertEquals(Map.of(
                "bootstrap.servers", "ascolto-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", KUBERNETES.get("sasl.jaas.config"),
                "ssl.truststore.type", "PEM",
                "ssl.truststore.certificates", KUBERNETES.get("ssl.truststore.certificates")), connection);
    }

    @Test
    void aLocalBrokerNeedsOnlyItsAddress() {
        assertEquals(Map.of("bootstrap.servers", "localhost:9092"),
                KafkaConnection.settings(Map.of("bootstrap.servers", "localhost:9092", "group.id", "routing-service")));
    }

    @Test
    void refusesAConfigurationWithoutBootstrapServers() {
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.settings(Map.of("security.protocol", "SASL_SSL")));
    }

    @Test
    void theAcknowledgedProducerConnectsAsTheServiceAndKeepsItsGuarantees() {
        Map<String, Object> config = AcknowledgedProducer.config(KUBERNETES, "case-service", Map.of(
                "acks", "1", "enable.idempotence", false, "security.protocol", "PLAINTEXT", "linger.ms", 20));

        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals(KUBERNETES.get("sasl.jaas.config"), config.get("sasl.jaas.config"));
        assertEquals("PEM", config.get("ssl.truststore.type"));
        assertEquals(KUBERNETES.get("ssl.truststore.certificates"), config.get("ssl.truststore.certificates"));
        assertEquals("all", config.get("acks"));
        assertEquals(true, config.get("enable.idempotence"));
        assertEquals(20, config.get("linger.ms"));
        assertEquals(null, config.get("group.id"));
    }
}
