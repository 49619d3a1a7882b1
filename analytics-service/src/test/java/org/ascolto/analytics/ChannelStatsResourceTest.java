package org.ascolto.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ChannelStatsResourceTest {

    @Test
    void theApiCountsContactsPerChannelFromTheRealTopicOncePerContact() {
        // A channel of this test alone, so other records on the broker do not matter.
        String channel = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact(channel, citizen, "uno");
        ProducerRecord<String, byte[]> second = Contacts.record(Contacts.contact(channel, citizen, "due"));
        TestKafka.send(List.of(Contacts.record(first), second, second, Contacts.record(first)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long counted = -1;
        while (Instant.now().isBefore(deadline) && counted != 2) {
            var response = given().get("/api/v1/stats/channels");
            if (response.statusCode() == 200) {
                Number n = response.jsonPath().get("channels.'" + channel + "'");
                counted = n == null ? 0 : n.longValue();
            }
            sleep();
        }
        assertEquals(2, counted);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
