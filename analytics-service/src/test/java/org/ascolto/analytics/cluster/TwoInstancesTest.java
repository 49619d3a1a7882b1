package org.ascolto.analytics.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.analytics.TestRecords;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Two instances of the analytics application share the partitions; either one answers the counts of all. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
@QuarkusTestResource(value = SecondInstance.class, restrictToAnnotatedClass = true)
class TwoInstancesTest {

    private static final String ANALYST = TestTokens.of("alba.analyst", List.of("analyst"), List.of());
    private static final int CITIZENS = 60;

    // a channel of this test alone, so other records on the broker do not matter
    private final String channel = "pair-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theInstanceAskedAnswersForThePartitionsOfBoth() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < CITIZENS; i++) {
            CitizenContact contact = Contacts.contact(channel, Contacts.newCitizenKey(), "messaggio " + i);
            records.add(Contacts.record(contact, TestRecords.sealed()::contact));
            // a redelivery, counted once
            records.add(Contacts.record(contact, TestRecords.sealed()::contact));
            records.add(Contacts.routedRecord(contact, Contacts.decision("mobility", i % 3 == 0), TestRecords.sealed()::routed));
        }
        TestKafka.send(records);

        JsonPath whole = await("/api/v1/stats/channels", "channels.'" + channel + "'", CITIZENS);
        assertEquals(CITIZENS, whole.getInt("channels.'" + channel + "'"));
        JsonPath today = await("/api/v1/stats/categories", "channels.'" + channel + "'.mobility", CITIZENS);
        assertEquals(CITIZENS / 3, today.getInt("urgentByChannel.'" + channel + "'"));
        await("/api/v1/stats/channels?granularity=minute&from=" + Instant.now().minus(Duration.ofMinutes(30)),
                "channels.'" + channel + "'", CITIZENS);

        // each instance holds a share: the answer above needed both
        JsonPath first = given().auth().oauth2(ANALYST).get(PeerStatisticsClient.PATH).then().statusCode(200).extract().jsonPath();
        String secondInstance = ConfigProvider.getConfig().getValue(SecondInstance.ADDRESS, String.class);
        JsonPath second = given().baseUri("http://" + secondInstance).basePath("").port(-1).auth().oauth2(ANALYST)
                .get(PeerStatisticsClient.PATH).then().statusCode(200).extract().jsonPath();
        for (String topic : List.of(Topics.CONTACTS, Topics.CONTACTS_ROUTED)) {
            Set<Integer> all = new HashSet<>(first.getList("partitions.'" + topic + "'", Integer.class));
            List<Integer> seconds = second.getList("partitions.'" + topic + "'", Integer.class);
            seconds.forEach(p -> assertTrue(all.add(p), "partition " + topic + "-" + p + " is owned by one instance only"));
            assertEquals(Set.of(0, 1, 2), all, "the two instances own every partition of " + topic);
        }
        long firstShare = share(first, "channel:" + channel) + share(first, "routed:" + channel);
        long secondShare = share(second, "channel:" + channel) + share(second, "routed:" + channel);
        assertEquals(2L * CITIZENS, firstShare + secondShare);
        assertTrue(firstShare > 0 && secondShare > 0, "both instances count: " + firstShare + " and " + secondShare);
    }

    private static long share(JsonPath counts, String dimension) {
        Number n = counts.get("totals.'" + dimension + "'");
        return n == null ? 0 : n.longValue();
    }

    private static JsonPath await(String url, String path, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            var response = given().auth().oauth2(ANALYST).get(url);
            last = response.statusCode() + " " + response.asString();
            if (response.statusCode() == 200) {
                Number n = response.jsonPath().get(path);
                if (n != null && n.intValue() >= expected) {
                    return response.jsonPath();
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(url + ": expected " + path + " = " + expected + ", last answer " + last);
    }
}
