package org.ascolto.analytics.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.ascolto.contracts.EventJson;
import org.ascolto.localinfra.FreePorts;

import com.fasterxml.jackson.databind.JsonNode;

/** Debian's headless Chromium driven through chromedriver's W3C WebDriver HTTP API. */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    HeadlessChromium(int width, int height) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the dashboard test needs Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        int port = FreePorts.next();
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        awaitDriver();
        Path profile = Files.createTempDirectory("ascolto-chromium");
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of(
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height))))));
        session = "/session/" + created.path("sessionId").asText();
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", session + "/url", Map.of("url", url));
    }

    /** The address the page is at now, after any redirect. */
    String url() throws IOException, InterruptedException {
        return call("GET", session + "/url", null).asText();
    }

    void resize(int width, int height) throws IOException, InterruptedException {
        call("POST", session + "/window/rect", Map.of("width", width, "height", height));
    }

    /** Runs a script in the page and returns what it returns. */
    JsonNode script(String script) throws IOException, InterruptedException {
        return call("POST", session + "/execute/sync", Map.of("script", script, "args", List.of()));
    }

    void screenshot(Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(call("GET", session + "/screenshot", null).asText()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            call("DELETE", session, null);
        } finally {
            driver.destroy();
            driver.waitFor();
        }
    }

    private void awaitDriver() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("chromedriver did not start");
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(EventJson.write(body));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json").method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode value = EventJson.parse(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + ": " + response.statusCode() + " " + value);
        }
        return value;
    }
}
