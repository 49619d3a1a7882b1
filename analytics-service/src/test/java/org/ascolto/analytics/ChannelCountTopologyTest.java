package org.ascolto.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ascolto.analytics.streams.ChannelCountTopology;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.junit.jupiter.api.Test;

class ChannelCountTopologyTest {

    @Test
    void countsEachContactOnceAndSkipsInvalidRecords() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(ChannelCountTopology.build(), props)) {
            TestInputTopic<String, byte[]> contacts = driver.createInputTopic(Topics.CONTACTS,
                    new StringSerializer(), new ByteArraySerializer());
            String citizen = Contacts.newCitizenKey();
            CitizenContact call = Contacts.contact("phone", citizen, "chiamata");
            CitizenContact message = Contacts.contact("whatsapp", citizen, "messaggio");
            contacts.pipeInput(citizen, EventJson.write(call));
            contacts.pipeInput(citizen, EventJson.write(message));
            contacts.pipeInput(citizen, EventJson.write(message));
            contacts.pipeInput(citizen, "{broken".getBytes(StandardCharsets.UTF_8));
            contacts.pipeInput(citizen, EventJson.write(Contacts.contact("whatsapp", citizen, "altro")));

            KeyValueStore<String, Long> store = driver.getKeyValueStore(ChannelCountTopology.CONTACTS_PER_CHANNEL);
            Map<String, Long> counts = new TreeMap<>();
            store.all().forEachRemaining(kv -> counts.put(kv.key, kv.value));
            assertEquals(Map.of("phone", 1L, "whatsapp", 2L), counts);
        }
    }
}
