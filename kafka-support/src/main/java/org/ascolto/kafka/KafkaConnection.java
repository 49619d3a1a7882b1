package org.ascolto.kafka;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How a client reaches the cluster and proves who it is: the bootstrap servers, the security protocol and every
 * {@code sasl.*} and {@code ssl.*} setting, picked out of a service's whole Kafka configuration. Quarkus gathers every
 * {@code kafka.*} property and {@code KAFKA_*} variable into one map (the {@code default-kafka-broker} bean) for the
 * channels it creates; the clients a service creates itself take their connection from the same map, so that on a
 * cluster with TLS and SCRAM every client of the service connects as the service's user. Tuning settings meant for one
 * kind of client ({@code group.id}, {@code max.poll.records}) stay out.
 */
public final class KafkaConnection {

    private KafkaConnection() {
    }

    public static Map<String, Object> settings(Map<String, ?> kafkaConfig) {
        Map<String, Object> connection = new TreeMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) || name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                connection.put(name, value);
            }
        });
        if (!connection.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("no bootstrap.servers in the Kafka configuration (kafka.bootstrap.servers, KAFKA_BOOTSTRAP_SERVERS)");
        }
        return connection;
    }
}
