package org.ascolto.routing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A city adds a service area in configuration, with a few examples, and contacts route to it: no code. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
@TestProfile(ConfiguredCategoryTest.AnimalWelfare.class)
class ConfiguredCategoryTest {

    private static final String INTEGRATOR = TestTokens.of("ivo.integrator", List.of("integrator"), List.of());

    public static class AnimalWelfare implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String prefix = "ascolto.taxonomy.animal-welfare.";
            // the first model version's corpus, a quarter of the one in service's: a configured area is learnt the same
            // way by every version, and the test learns in seconds what the version in service takes a minute to
            return Map.of(
                    "ascolto.routing.model", "milan-2",
                    prefix + "name-it", "Tutela animali",
                    prefix + "name-en", "Animal welfare",
                    prefix + "queue", "tutela-animali",
                    prefix + "sla-hours", "72",
                    prefix + "urgent-sla-hours", "12",
                    prefix + "examples", String.join(",",
                            "cane randagio nel cortile da giorni",
                            "colonia felina da registrare nel quartiere",
                            "gatti randagi da sterilizzare chi se ne occupa",
                            "ho trovato un cane abbandonato legato al palo",
                            "come adotto un cane dal canile comunale",
                            "il canile comunale è aperto la domenica",
                            "cani randagi nel parco che abbaiano",
                            "un gatto randagio ha partorito in cantina",
                            "stray dog wandering in the courtyard",
                            "how do I adopt a cat from the municipal shelter",
                            "maltrattamento di animali dal vicino che tiene il cane sul balcone",
                            "microchip del cane dove si registra all'anagrafe canina"));
        }
    }

    @Test
    void aConfiguredAreaIsListedAndRoutedTo() {
        given().when().get("/api/v1/categories")
                .then().statusCode(200)
                .body("$", hasSize(8))
                .body("id", hasItem("animal-welfare"));
        given().auth().oauth2(INTEGRATOR).contentType(ContentType.JSON).body(Map.of("text", "c'è un cane randagio nel cortile del condominio, chi lo porta al canile?"))
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("category", equalTo("animal-welfare"))
                .body("queue", equalTo("tutela-animali"));
    }
}
