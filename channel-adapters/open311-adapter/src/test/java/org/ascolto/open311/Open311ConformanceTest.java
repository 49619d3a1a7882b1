package org.ascolto.open311;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.ascolto.conformance.AdapterConformance;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Open311 intake passes the kit every channel passes; its refusals are Open311's error list, as the spec defines. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class Open311ConformanceTest {

    @Inject
    SealedRecords sealed;

    @TestHTTPResource("/open311/v2/requests.json")
    URI endpoint;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.of(endpoint, TestKafka.bootstrapServers(), sealed)
                .contentType("application/x-www-form-urlencoded")
                .substitute("{{api_key}}", Open311Test.registerClient("Conformance kit"))
                .headers(body -> Map.of("Idempotency-Key", "civic-app-" + UUID.nameUUIDFromBytes(body)))
                .valid("samples/request.form", 1)
                .malformed("samples/malformed.form")
                .errorMediaType("application/json")
                .maxBodyBytes(64 * 1024)
                .build().tests();
    }
}
