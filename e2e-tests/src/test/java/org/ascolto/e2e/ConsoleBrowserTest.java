package org.ascolto.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator in a real browser, with the keyboard only (Tab and Enter): logs in to the console at the city's Keycloak
 * (authorization code with PKCE), sees their own queue only, opens a new case, takes it, moves it ASSIGNED →
 * IN_PROGRESS → RESOLVED and notes it; each change is a case event under the operator's name. axe-core finds no serious
 * or critical violation on the work list and on the case page. A supervisor, in a second browser, sees the operator
 * take the case as it happens, gives a new case to the operator from the work list and sees the operator's load (axe-core
 * again). Keycloak and the console run on the local run's fixed ports 8180 and 8089 (the realm's redirect URIs): on a
 * shared machine, run it under flock /tmp/ascolto-run.lock.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** axe-core's script, from Deque's jar for Java (e2e-tests/pom.xml). */
    private static final String AXE = axeCore();

    private static final List<AutoCloseable> started = new ArrayList<>();
    private static WebDriver browser;
    /** A second browser, the supervisor's, that sees the operator's changes as they happen. */
    private static WebDriver supervisor;

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
        browser = chromium();
        supervisor = chromium();
    }

    /** A headless Chromium with a profile of its own: its own login at the identity provider. */
    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                        "--lang=it-IT", "--user-data-dir=" + Files.createTempDirectory("ascolto-console-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    private static String axeCore() {
        try (InputStream axe = ConsoleBrowserTest.class.getResourceAsStream("/axe.min.js")) {
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopAll() {
        for (WebDriver driver : new WebDriver[] { browser, supervisor }) {
            if (driver != null) {
                driver.quit();
            }
        }
        List<AutoCloseable> stopping = new ArrayList<>(started);
        Collections.reverse(stopping);
        ServiceProcess.closeAll(stopping);
    }

    @Test
    void anOperatorLogsInTakesANewCaseWorksItToResolvedAndEveryChangeIsACaseEventUnderTheirName() throws Exception {
        CitizenContact contact = Contacts.whatsapp(Contacts.newCitizenKey(), "393331234567", "Vorrei il certificato di residenza per mio figlio");
        TestKafka.send(List.of(Contacts.routedRecord(contact, new RoutingDecision("registry-office", 0.9, false, "it",
                "anagrafe", 48, List.of("parola chiave: certificato"), "e2e"))));

        browser.get("http://localhost:8089/");
        press(By.id("login"));
        tabTo(By.id("username"));
        keys("anna.anagrafe", Keys.TAB, "demo-anna", Keys.ENTER);

        await().until(ExpectedConditions.textToBe(By.tagName("h1"), "Il mio lavoro"));
        assertEquals("anna.anagrafe", browser.findElement(By.id("user")).getText());
        List<String> queues = browser.findElements(By.cssSelector(".queues .name")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("anagrafe"), queues, "anna sees her own queue only");

        String reference = awaitCaseInList().getText();
        assertAccessible(browser, "the work list");
        screenshot("console-queue.png");
        press(By.linkText(reference));
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), reference + " · Nuova"));
        String caseId = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("#/casi/") + "#/casi/".length());
        assertTrue(browser.findElement(By.cssSelector(".timeline")).getText().contains("Vorrei il certificato di residenza"));
        assertTrue(browser.findElement(By.cssSelector(".timeline")).getText().contains("parola chiave: certificato"),
                "the routing reasons show");
        assertAccessible(browser, "the case page");

        WebDriverWait saraWaits = new WebDriverWait(supervisor, PATIENCE);
        supervisor.get("http://localhost:8089/");
        saraWaits.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        saraWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("sara.supervisor");
        supervisor.findElement(By.id("password")).sendKeys("demo-sara");
        supervisor.findElement(By.id("kc-login")).click();
        By saraSeesTheCase = By.xpath("//tr[td/a[normalize-space()='" + reference + "']]");
        saraWaits.until(ExpectedConditions.textToBePresentInElementLocated(saraSeesTheCase, "nessuno"));
        ((JavascriptExecutor) supervisor).executeScript("window.sameView = true");

        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            press(By.xpath("//button[normalize-space()='Prendi in carico']"));
            await().until(ExpectedConditions.textToBe(By.id("case-assignee"), "anna.anagrafe"));
            saraWaits.until(ExpectedConditions.textToBePresentInElementLocated(saraSeesTheCase, "anna.anagrafe"));
            assertEquals(true, ((JavascriptExecutor) supervisor).executeScript("return window.sameView === true"),
                    "the supervisor's work list shows anna's change live, without loading the page again");
            press(By.cssSelector("button[data-status='IN_PROGRESS']"));
            await().until(ExpectedConditions.textToBe(By.id("case-status"), "In lavorazione"));
            tabTo(By.id("note"));
            keys("Certificato richiesto all'ufficio, pronto domani");
            press(By.xpath("//button[normalize-space()='Salva la nota']"));
            await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"), "pronto domani"));
            tabTo(By.id("reply-text"));
            keys("Buongiorno, il certificato sarà pronto domani allo sportello di via Larga.");
            press(By.xpath("//button[normalize-space()='Invia la risposta']"));
            await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".timeline"),
                    "Risposta di anna.anagrafe · whatsapp"));
            assertTrue(browser.findElement(By.cssSelector(".timeline")).getText().contains("Consegna: in attesa del canale"),
                    "the reply waits for WhatsApp's receipt");
            press(By.cssSelector("button[data-status='RESOLVED']"));
            await().until(ExpectedConditions.textToBe(By.id("case-status"), "Risolta"));
            screenshot("console-case.png");

            // read until the resolution: the reply's status events may come between the others, so no count will do
            List<CaseEvent> mine = annasEvents(events.readUntil(seen -> annasEvents(seen, caseId).stream()
                    .anyMatch(e -> "RESOLVED".equals(e.change().toStatus())), Duration.ofSeconds(30)), caseId);
            assertEquals(List.of("ASSIGNED", "IN_PROGRESS", "RESOLVED"), mine.stream().map(e -> e.change().toStatus())
                    .filter(s -> s != null).distinct().toList(), "the status changes, each under anna's name");
            assertTrue(mine.stream().anyMatch(e -> e.change().noteId() != null), "the note, under anna's name");
            assertTrue(mine.stream().anyMatch(e -> CaseEvent.REPLY_ADDED.equals(e.type()) && e.change().replyId() != null),
                    "the reply, under anna's name");
        }

        CitizenContact another = Contacts.contact("web", Contacts.newCitizenKey(), "Devo cambiare residenza, via e civico nuovi");
        TestKafka.send(List.of(Contacts.routedRecord(another, new RoutingDecision("registry-office", 0.9, false, "it",
                "anagrafe", 48, List.of("parola chiave: residenza"), "e2e"))));
        By unassigned = By.xpath("//tr[.//span[normalize-space()='nessuno']]//input[@name='case']");
        saraWaits.until(ExpectedConditions.elementToBeClickable(unassigned)).click();
        supervisor.findElement(By.id("bulk-assignee")).sendKeys("anna.anagrafe");
        supervisor.findElement(By.xpath("//button[normalize-space()='Riassegna le selezionate']")).click();
        saraWaits.until(ExpectedConditions.numberOfElementsToBe(unassigned, 0));
        supervisor.findElement(By.linkText("Supervisione")).click();
        By annasLoad = By.xpath("//table[@aria-labelledby='operator-load']//tr[td[1]='anna.anagrafe']/td");
        saraWaits.until(ExpectedConditions.presenceOfElementLocated(annasLoad));
        assertEquals(List.of("anna.anagrafe", "1", "0", "0"), supervisor.findElements(annasLoad).stream().map(WebElement::getText).toList(),
                "anna's open, urgent and overdue cases, after the supervisor gave her the new one");
        assertAccessible(supervisor, "the supervision page");
    }

    /** The events of the case that anna made. */
    private static List<CaseEvent> annasEvents(List<ConsumerRecord<String, byte[]>> records, String caseId) {
        return records.stream()
                .filter(r -> caseId.equals(r.key()))
                .map(r -> EventSchema.CASE_EVENT.read(r.value(), CaseEvent.class))
                .filter(e -> e.change() != null && "anna.anagrafe".equals(e.change().actor()))
                .toList();
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

    /**
     * Reaches the element with the Tab key alone and presses Enter on it, as an operator without a mouse does; every
     * action of the test is taken this way, so the keyboard reaches each of them.
     */
    private void press(By locator) {
        tabTo(locator);
        keys(Keys.ENTER);
    }

    /**
     * Presses Tab until the element has the focus; fails when rounds of the page's controls never reach it. The element
     * is found again at each press: a live update may have drawn the page anew.
     */
    private void tabTo(By locator) {
        await().until(ExpectedConditions.elementToBeClickable(locator));
        for (int presses = 0; presses < 100; presses++) {
            if (browser.findElement(locator).equals(browser.switchTo().activeElement())) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("the Tab key never reaches " + locator);
    }

    private void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** axe-core, run in the page as it is now, finds no serious or critical violation of WCAG 2.1 AA. */
    @SuppressWarnings("unchecked")
    private static void assertAccessible(WebDriver driver, String page) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript(AXE);
        List<String> violations = (List<String>) script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
                    .then((results) => done(results.violations
                        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
                """);
        assertEquals(List.of(), violations, "axe-core on " + page);
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
