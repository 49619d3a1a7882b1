package org.ascolto.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Kafka refuses routed records for a while (here the topic takes no record of their size, until an operator raises its
 * limit): routing waits with readiness DOWN, sends them again until Kafka takes them, and goes on without a restart.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
class KafkaRefusalTest {

    @Inject
    SealedRecords sealed;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void routedRecordsKafkaRefusesAreSentAgainUntilItTakesThemAndNothingIsLost() throws Exception {
        String citizen = Contacts.newCitizenKey();
        CitizenContact contact = Contacts.contact("whatsapp", citizen, "semaforo spento in piazzale Loreto, macchine che passano col rosso");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            limitRecordSize(admin, "64");
            try {
                TestKafka.send(List.of(Contacts.record(contact, sealed::contact)));
                awaitReadiness(503, Duration.ofSeconds(60));
            } finally {
                limitRecordSize(admin, "1048588");
            }
        }
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_ROUTED)) {
            var routed = probe.await(r -> citizen.equals(r.key()), 1, Duration.ofSeconds(90));
            assertFalse(routed.isEmpty(), "the contact is routed once Kafka takes records again");
            routed.forEach(r -> assertEquals(contact.contactId(),
                    sealed.openRouted(r.value()).orElseThrow().contact().contactId()));
        }
        awaitReadiness(200, Duration.ofSeconds(30));
    }

    private static void limitRecordSize(Admin admin, String bytes) throws InterruptedException, ExecutionException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTACTS_ROUTED);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)))).all().get();
    }

    private void awaitReadiness(int status, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        int seen;
        do {
            seen = given().get(ready).statusCode();
            if (seen == status) {
                return;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        assertEquals(status, seen, "readiness");
    }
}
