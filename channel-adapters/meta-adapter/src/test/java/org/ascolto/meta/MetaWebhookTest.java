package org.ascolto.meta;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.conformance.AdapterConformance;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeyringTestResource.class, restrictToAnnotatedClass = true)
class MetaWebhookTest {

    @Inject
    SealedRecords sealed;

    private static final WebhookSignature META = new WebhookSignature("local-meta-app-secret");

    @TestHTTPResource("/webhooks/meta")
    URI endpoint;

    @Inject
    CitizenKeys keys;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.of(endpoint, TestKafka.bootstrapServers(), sealed)
                .signature(body -> Map.of("X-Hub-Signature-256", META.sign(body)))
                .acceptedStatus(200)
                .handshake("local-meta-verify-token")
                .valid("samples/messenger-message.json", 1)
                .valid("samples/page-feed.json", 1)
                .valid("samples/instagram-batched.json", 2)
                .redelivery("samples/messenger-redelivered.json")
                .malformed("samples/malformed.json")
                .maxBodyBytes(1024 * 1024)
                .build().tests();
    }

    @Test
    void aMessengerMessageIsAFacebookContactOfThePageScopedSender() {
        CitizenContact message = publish("samples/messenger-message.json", 1).get(0);
        assertEquals("facebook", message.channel());
        assertEquals("Buongiorno, a che ora apre l'anagrafe di via Larga sabato?", message.text());
        assertEquals(List.of(new CitizenContact.Attachment("https://scontent.xx.fbcdn.net/v/t1.15752-9/anagrafe-coda.jpg", "image/*")),
                message.attachments());
        assertEquals(keys.account("facebook", "6543219876543210"), message.citizen().key());
        assertEquals(Instant.ofEpochMilli(1795420799456L), message.occurredAt());
    }

    @Test
    void onlyACitizensNewPageCommentIsAContactNotItsEditRemovalOrThePagesReply() {
        CitizenContact comment = publish("samples/page-feed.json", 1).get(0);
        assertEquals("facebook", comment.channel());
        assertEquals("Paolo Conti", comment.citizen().displayName());
        assertEquals("104826025612345_987654321098765", comment.conversationRef());
        assertEquals("comment", comment.metadata().get("kind"));
        assertEquals(Instant.ofEpochSecond(1795421000), comment.occurredAt());
    }

    @Test
    void instagramCommentsAndDirectMessagesAreInstagramContacts() {
        List<CitizenContact> contacts = publish("samples/instagram-batched.json", 2);
        CitizenContact comment = contacts.get(0);
        assertEquals("instagram", comment.channel());
        assertEquals("navigli.lover", comment.citizen().displayName());
        assertEquals("17895695668004550", comment.metadata().get("mediaId"));
        assertEquals(keys.account("instagram", "232323232323"), comment.citizen().key());
        CitizenContact message = contacts.get(1);
        assertEquals("salve, ho perso la carta d'identità elettronica, come faccio a rifarla?", message.text());
        assertNull(message.citizen().phone());
    }

    private List<CitizenContact> publish(String sample, int contacts) {
        String run = AdapterConformance.newRun();
        byte[] body = AdapterConformance.sample(sample, run);
        given().contentType(ContentType.JSON).header("X-Hub-Signature-256", META.sign(body)).body(body)
                .when().post("/webhooks/meta").then().statusCode(200);
        return AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, contacts);
    }
}
