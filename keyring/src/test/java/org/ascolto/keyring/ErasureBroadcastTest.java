package org.ascolto.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestKeyring;
import org.junit.jupiter.api.Test;

/** Two processes' keyrings on one keyring database and a real broker: one erases, the other hears of it. */
class ErasureBroadcastTest {

    @Test
    void aProcessThatHeldAnErasedCitizensKeyDropsItAsTheErasureIsPublishedAndSealsWithANewOne() {
        String kafka = TestKafka.bootstrapServers();
        org.ascolto.localinfra.Topics.create(kafka, 3);
        Keyring adapter = keyring();
        Keyring caseService = keyring();
        String citizen = Contacts.newCitizenKey();
        try (ErasureBroadcast erasures = new ErasureBroadcast(Map.of("bootstrap.servers", kafka), "web-adapter", adapter)) {
            Eventually.until(Duration.ofSeconds(60), erasures::listening);
            DataKey held = adapter.current(citizen);

            caseService.erase(List.of(citizen));
            assertEquals(held.id(), adapter.current(citizen).id(), "until it hears of the erasure, the cached key seals");

            TestKafka.send(List.of(
                    new ProducerRecord<>(Topics.ERASURES, citizen, "{\"not\": \"an erasure\"".getBytes(StandardCharsets.UTF_8)),
                    new ProducerRecord<>(Topics.ERASURES, citizen,
                            erasure(citizen))));
            Eventually.until(Duration.ofSeconds(30), () -> !adapter.current(citizen).id().equals(held.id()));
            assertNotEquals(held.id(), adapter.current(citizen).id());
            assertEquals(adapter.current(citizen).id(), caseService.current(citizen).id(), "both seal with the citizen's new key");
        }
    }

    @Test
    void aPartitionAddedToTheTopicWhileListeningIsReadFromItsStart() throws Exception {
        String kafka = TestKafka.bootstrapServers();
        org.ascolto.localinfra.Topics.create(kafka, 3);
        Keyring adapter = keyring();
        Keyring caseService = keyring();
        String citizen = Contacts.newCitizenKey();
        try (ErasureBroadcast erasures = new ErasureBroadcast(Map.of("bootstrap.servers", kafka), "phone-adapter", adapter, Duration.ofSeconds(1));
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Eventually.until(Duration.ofSeconds(60), erasures::listening);
            DataKey held = adapter.current(citizen);
            int partitions = admin.describeTopics(List.of(Topics.ERASURES)).allTopicNames().get().get(Topics.ERASURES).partitions().size();
            admin.createPartitions(Map.of(Topics.ERASURES, NewPartitions.increaseTo(partitions + 1))).all().get();

            caseService.erase(List.of(citizen));
            TestKafka.send(List.of(new ProducerRecord<>(Topics.ERASURES, partitions, citizen,
                    erasure(citizen))));
            Eventually.until(Duration.ofSeconds(30), () -> !adapter.current(citizen).id().equals(held.id()));
            assertNotEquals(held.id(), adapter.current(citizen).id(), "the erasure in the new partition was heard");
        }
    }

    private static byte[] erasure(String citizen) {
        return EventJson.write(CitizenErasure.of(UUID.randomUUID(), citizen, List.of(), Instant.now()));
    }

    private static Keyring keyring() {
        return Keyring.connect(TestKeyring.jdbcUrl(), TestDatabase.user(), TestKeyring.password(), MasterKey.of(TestKeyring.MASTER_KEY));
    }
}
