package org.ascolto.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The local run's identity provider: Keycloak from Maven Central with the realm of deploy/keycloak (its demo users and
 * the console's client), started as ./ascolto run starts it, on its fixed port 8180 (the realm's redirect URIs name it).
 */
final class KeycloakProcess implements AutoCloseable {

    static final int PORT = 8180;
    static final String REALM_URL = "http://localhost:" + PORT + "/realms/ascolto";


    private final Process process;
    private final Path log;

    private KeycloakProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Unpacks Keycloak once into target/, starts it with an empty database and the realm, and waits for the realm. */
    static KeycloakProcess start(Duration patience) throws IOException, InterruptedException {
        Path home = unpacked();
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(KeycloakProcess::delete);
            }
        }
        Files.createDirectories(data.resolve("import"));
        Files.copy(ServiceProcess.ROOT.resolve("deploy/keycloak/ascolto-realm.json"), data.resolve("import/ascolto-realm.json"));
        Path log = Files.createDirectories(ServiceProcess.LOGS).resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", String.valueOf(PORT), "--hostname", "http://localhost:" + PORT, "--import-realm")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "e2e-" + System.nanoTime());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), log);
        keycloak.awaitRealm(patience);
        return keycloak;
    }

    private static Path unpacked() throws IOException {
        Path zip = Path.of(System.getProperty("keycloak.zip", ""));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("keycloak.zip names no file (" + zip + "): run the test through Maven");
        }
        Path target = ServiceProcess.ROOT.resolve("e2e-tests/target/keycloak");
        Path home = target.resolve(zip.getFileName().toString().replace("keycloak-quarkus-dist-", "keycloak-").replace(".zip", ""));
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null;) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy((InputStream) entries, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return home;
    }

    private void awaitRealm(Duration patience) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ", see " + log);
            }
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(REALM_URL + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak's realm not there within " + patience + ", see " + log);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }
}
