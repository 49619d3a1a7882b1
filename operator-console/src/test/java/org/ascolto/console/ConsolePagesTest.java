package org.ascolto.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The console serves its pages, in Italian first, and tells them where to log in, which API to call and where the map's tiles are. */
@QuarkusTest
class ConsolePagesTest {

    @Test
    void thePageIsItalianAndNeverLeaksTheAuthorizationCodeInAReferer() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"it\">"), containsString("Console degli operatori"))
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void theContentSecurityPolicyAllowsTheConsoleTheTileServerItsApiAndItsIdentityProviderOnly() {
        String policy = "default-src 'none'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' https://tile.openstreetmap.org; connect-src 'self' http://localhost:8086/ http://localhost:8180/realms/ascolto/; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        for (String path : new String[] { "/", "/js/map.js", "/console.css", "/config.json" }) {
            given().get(path).then().statusCode(200).header("Content-Security-Policy", equalTo(policy));
        }
    }

    @Test
    void theScriptsAreModulesServedAsJavaScript() {
        for (String script : new String[] { "app", "auth", "api", "dom", "i18n", "due", "work", "case", "map", "supervision" }) {
            given().get("/js/" + script + ".js").then().statusCode(200).contentType(containsString("javascript"));
        }
    }

    @Test
    void theConfigurationNamesTheIdentityProviderTheClientTheCaseApiAndTheMapTiles() {
        given().get("/config.json").then().statusCode(200)
                .body("identityUrl", equalTo("http://localhost:8180/realms/ascolto"))
                .body("clientId", equalTo("operator-console"))
                .body("caseApiUrl", equalTo("http://localhost:8086"))
                .body("mapTilesUrl", equalTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
                .body("mapAttribution", equalTo("© OpenStreetMap contributors"))
                .body("mapAttributionUrl", equalTo("https://www.openstreetmap.org/copyright"));
    }
}
