package org.ascolto.routing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.ascolto.routing.domain.ContactClassifier;
import org.ascolto.support.problem.Problem;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class ClassifyResourceTest {

    @Inject
    SealedRecords sealed;

    private static final String INTEGRATOR = TestTokens.of("ivo.integrator", List.of("integrator"), List.of());

    @Test
    void anOperatorSeesHowAMessageWouldRouteAndWhy() {
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON)
                .body(Map.of("text", "aiuto, il mio vicino sta picchiando la moglie adesso, sento urla, via Padova 12", "channel", "whatsapp"))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("category", equalTo("safety"))
                .body("urgent", equalTo(true))
                .body("language", equalTo("it"))
                .body("queue", equalTo("polizia-locale"))
                .body("slaHours", equalTo(1))
                .body("reasons", hasItem(startsWith("urgent: ")))
                .body("classifierVersion", equalTo(ContactClassifier.ALGORITHM + "/milan-11"));
    }

    @Test
    void messagesInTheCitysOtherLanguagesAreRouted() {
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body(Map.of("text", "I got a speeding fine from a camera on viale Fulvio Testi, how do I appeal?"))
                .when().post("/api/v1/classify")
                .then().statusCode(200).body("category", equalTo("fines")).body("language", equalTo("en")).body("queue", equalTo("contravvenzioni"));
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body(Map.of("text", "¿Cómo pido el certificado de residencia para mi hijo?"))
                .when().post("/api/v1/classify")
                .then().statusCode(200).body("category", equalTo("registry-office")).body("language", equalTo("es"));
    }

    @Test
    void aDryRunPublishesNothing() {
        String marker = "dry-run-" + UUID.randomUUID();
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body(Map.of("text", "devo pagare la TARI " + marker))
                .when().post("/api/v1/classify")
                .then().statusCode(200).body("category", equalTo("taxes"));
        try (TopicProbe routed = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_ROUTED)) {
            assertTrue(routed.drain(Duration.ofSeconds(3)).stream()
                    .noneMatch(record -> sealed.openRouted(record.value()).map(r -> r.contact().text().contains(marker)).orElse(false)));
        }
    }

    @Test
    void aBlankTextOrABadChannelIsAProblem() {
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body(Map.of("text", " ", "channel", "Web Portal!"))
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("detail", containsString("text"))
                .body("detail", containsString("channel"));
    }

    @Test
    void classifyingIsForIntegrators() {
        given().contentType(ContentType.JSON).body(Map.of("text", "devo pagare la TARI")).post("/api/v1/classify")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(TestTokens.of("alba.analyst", List.of("analyst"), List.of())).contentType(ContentType.JSON)
                .body(Map.of("text", "devo pagare la TARI")).post("/api/v1/classify").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().get("/api/v1/categories").then().statusCode(200);
    }

    @Test
    void malformedJsonIsAProblem() {
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body("{\"text\": ")
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Bad Request"));
    }

    @Test
    void theTaxonomyIsListedWithNamesQueuesAndSlas() {
        given().when().get("/api/v1/categories")
                .then().statusCode(200)
                .body("$", hasSize(7))
                .body("find { it.id == 'social-services' }.nameIt", equalTo("Servizi sociali"))
                .body("find { it.id == 'social-services' }.nameEn", equalTo("Social services"))
                .body("find { it.id == 'social-services' }.queue", equalTo("servizi-sociali"))
                .body("find { it.id == 'social-services' }.slaHours", equalTo(48))
                .body("find { it.id == 'social-services' }.urgentSlaHours", equalTo(2));
    }
}
