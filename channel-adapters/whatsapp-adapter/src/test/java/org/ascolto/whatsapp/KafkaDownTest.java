package org.ascolto.whatsapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.ascolto.conformance.AdapterConformance;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(KafkaDownTest.NoBroker.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeyringTestResource.class, restrictToAnnotatedClass = true)
class KafkaDownTest {

    /** Kafka at a port nothing listens on, and a short wait for it. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "ascolto.adapter.publish-timeout", "2s");
        }
    }

    @Test
    void withoutKafkaTheWebhookIsRefusedWith503SoMetaRetries() {
        byte[] body = AdapterConformance.sample("samples/text-message.json", "down");
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", WhatsAppWebhookTest.META.sign(body)).body(body)
                .when().post("/webhooks/whatsapp")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("status", equalTo(503));
    }
}
