package org.ascolto.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator in a real browser: logs in to the console at the city's Keycloak (authorization code with PKCE), sees
 * their own queue only, opens a new case, takes it, moves it ASSIGNED → IN_PROGRESS → RESOLVED and notes it; each
 * change is a case event under the operator's name. Keycloak and the console run on the local run's fixed ports 8180
 * and 8089 (the realm's redirect URIs): run it under flock /tmp/ascolto-run.lock, like ./ascolto run, with
 * {@code -Dascolto.console-browser=true} (off by default until it has passed where CI runs).
 */
@EnabledIfSystemProperty(named = "ascolto.console-browser", matches = "true")
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final List<AutoCloseable> started = new ArrayList<>();
    private static WebDriver browser;

    @BeforeAll
    static void startConsoleCaseServiceAndKeycloak() throws Exception {
        started.add(KeycloakProcess.start(Duration.ofMinutes(5)));
        TestDatabase database = TestDatabase.create();
        started.add(database);
        Map<String, String> caseEnv = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", TestDatabase.user(),
                "MP_JWT_VERIFY_ISSUER", KeycloakProcess.REALM_URL,
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", KeycloakProcess.REALM_URL + "/protocol/openid-connect/certs"));
        ServiceProcess cases = ServiceProcess.start(Path.of("case-service"), caseEnv);
        started.add(cases);
        ServiceProcess console = ServiceProcess.start(Path.of("operator-console"), Map.of(
                "QUARKUS_HTTP_PORT", "8089",
                "ASCOLTO_CONSOLE_IDENTITY_URL", KeycloakProcess.REALM_URL,
                "ASCOLTO_CONSOLE_CASE_API_URL", cases.url().replace("127.0.0.1", "localhost")));
        started.add(console);
        cases.awaitReady(Duration.ofSeconds(180));
        console.awaitReady(Duration.ofSeconds(180));

        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console test needs Debian's chromium and chromium-driver");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                        "--lang=it-IT", "--user-data-dir=" + Files.createTempDirectory("ascolto-console-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        List<AutoCloseable> stopping = new ArrayList<>(started);
        Collections.reverse(stopping);
        ServiceProcess.closeAll(stopping);
    }

    @Test
    void anOperatorLogsInTakesANewCaseWorksItToResolvedAndEveryChangeIsACaseEventUnderTheirName() throws Exception {
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "Vorrei il certificato di residenza per mio figlio");
        TestKafka.send(List.of(Contacts.routedRecord(contact, new RoutingDecision("registry-office", 0.9, false, "it",
                "anagrafe", 48, List.of("parola chiave: certificato"), "e2e"))));

        browser.get("http://localhost:8089/");
        click(By.id("login"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("anna.anagrafe");
        browser.findElement(By.id("password")).sendKeys("demo-anna");
        browser.findElement(By.id("kc-login")).click();

        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Il mio lavoro"));
        assertEquals("anna.anagrafe", browser.findElement(By.id("user")).getText());
        List<String> queues = browser.findElements(By.cssSelector(".queues .name")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("anagrafe"), queues, "anna sees her own queue only");

        WebElement caseLink = awaitCaseInList();
        String reference = caseLink.getText();
        screenshot("console-queue.png");
        caseLink.click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), reference + " · Nuova"));
        String caseId = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("#/casi/") + "#/casi/".length());
        assertTrue(browser.findElement(By.cssSelector(".timeline")).getText().contains("Vorrei il certificato di residenza"));
        assertTrue(browser.findElement(By.cssSelector(".timeline")).getText().contains("parola chiave: certificato"),
                "the routing reasons show");
        WebElement reply = browser.findElement(By.xpath("//button[normalize-space()='Rispondi al cittadino']"));
        assertTrue(!reply.isEnabled(), "replying is disabled until two-way messaging");

        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            click(By.xpath("//button[normalize-space()='Prendi in carico']"));
            await().until(ExpectedConditions.textToBe(By.id("case-assignee"), "anna.anagrafe"));
            click(By.cssSelector("button[data-status='IN_PROGRESS']"));
            await().until(ExpectedConditions.textToBe(By.id("case-status"), "In lavorazione"));
            browser.findElement(By.id("note")).sendKeys("Certificato richiesto all'ufficio, pronto domani");
            click(By.xpath("//button[normalize-space()='Salva la nota']"));
            await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"), "pronto domani"));
            click(By.cssSelector("button[data-status='RESOLVED']"));
            await().until(ExpectedConditions.textToBe(By.id("case-status"), "Risolta"));
            screenshot("console-case.png");

            List<CaseEvent> mine = events.await(r -> caseId.equals(r.key()), 5, Duration.ofSeconds(30)).stream()
                    .map(r -> EventSchema.CASE_EVENT.read(r.value(), CaseEvent.class))
                    .filter(e -> e.change() != null && "anna.anagrafe".equals(e.change().actor()))
                    .toList();
            assertEquals(List.of("ASSIGNED", "IN_PROGRESS", "RESOLVED"), mine.stream().map(e -> e.change().toStatus())
                    .filter(s -> s != null).distinct().toList(), "the status changes, each under anna's name");
            assertTrue(mine.stream().anyMatch(e -> e.change().noteId() != null), "the note, under anna's name");
        }
    }

    /** The case appears in the work list once the case service has stored it: the page is reloaded until it does. */
    private WebElement awaitCaseInList() {
        return await().pollingEvery(Duration.ofSeconds(2)).until(driver -> {
            List<WebElement> links = driver.findElements(By.cssSelector("table a[href^='#/casi/']"));
            if (!links.isEmpty()) {
                return links.get(0);
            }
            driver.navigate().refresh();
            return null;
        });
    }

    private void click(By locator) {
        await().until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, PATIENCE);
    }

    private void screenshot(String name) throws Exception {
        Path png = ServiceProcess.ROOT.resolve("e2e-tests/target/screenshots").resolve(name);
        Files.createDirectories(png.getParent());
        Files.write(png, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
