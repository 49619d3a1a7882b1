package org.ascolto.email;

import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.ascolto.adapter.WebhookSignature;
import org.ascolto.conformance.AdapterConformance;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The conformance kit against the messages a mail server delivers by HTTP, one RFC 5322 message per request. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(MailServers.class)
class MailDeliveryConformanceTest {

    @Inject
    SealedRecords sealed;

    private static final WebhookSignature MAIL_SERVER = new WebhookSignature("local-email-signing-secret");

    @TestHTTPResource("/api/v1/messages")
    URI endpoint;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.of(endpoint, TestKafka.bootstrapServers(), sealed)
                .contentType("message/rfc822")
                .signature(body -> Map.of("X-Ascolto-Signature-256", MAIL_SERVER.sign(body)))
                .acceptedStatus(202)
                .valid("samples/citizen.eml", 1)
                .redelivery("samples/citizen-relayed-again.eml")
                .malformed("samples/no-sender.eml")
                .maxBodyBytes(25 * 1024 * 1024)
                .build().tests();
    }
}
