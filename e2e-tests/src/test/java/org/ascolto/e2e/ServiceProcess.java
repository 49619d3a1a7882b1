package org.ascolto.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ascolto.localinfra.FreePorts;
import org.ascolto.localinfra.TestTokens;

/** One packaged service (its Quarkus fast-jar) running as a process of its own, as in production. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    static final Path ROOT = Path.of(System.getProperty("ascolto.root", "..")).toAbsolutePath().normalize();
    /** Where the processes a test starts write their logs: one folder per test class, one file per process. */
    static final Path LOGS = ROOT.resolve("e2e-tests/target/service-logs");
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** The modules of the platform's services, as deploy/services.txt lists them. */
    static List<Path> listed() {
        try {
            return Files.readAllLines(ROOT.resolve("deploy/services.txt")).stream()
                    .map(line -> line.replaceAll("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .map(Path::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the service keeps a PostgreSQL database of its own. */
    static boolean hasDatabase(Path module) {
        return configuration(module).contains("\nquarkus.datasource.jdbc.url=");
    }

    /** Whether the service seals or opens citizens' records, with the shared keyring database. */
    static boolean usesKeyring(Path module) {
        return configuration(module).contains("\nquarkus.datasource.keyring.jdbc.url=");
    }

    private static String configuration(Path module) {
        try {
            return Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code module}'s application on free ports (the API's, unless the environment fixes it, and the management
     * interface's) with the given environment, in the {@code local} profile of the local run, verifying the test run's
     * tokens ({@link TestTokens}) unless the environment names another identity provider. Its log is
     * {@code service-logs/<test class>/<service>.log}, or {@code <service>-2.log} and on for the class's later ones.
     */
    static ServiceProcess start(Path module, Map<String, String> env) {
        String name = module.getFileName().toString();
        Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        int port = env.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(env.get("QUARKUS_HTTP_PORT")) : FreePorts.next();
        int managementPort = FreePorts.next();
        try {
            Path log = newLog(CALLER.getCallerClass().getSimpleName(), name);
            String java = ProcessHandle.current().info().command().orElse("java");
            // the JVM options ./ascolto run gives every service
            ProcessBuilder builder = new ProcessBuilder(java, "@" + ROOT.resolve("deploy/service.jvm"), "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("QUARKUS_PROFILE", "local");
            builder.environment().put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
            builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestTokens.publicKeyLocation());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            return new ServiceProcess(name, port, managementPort, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API; fails, naming the log, when the process has ended. */
    String url() {
        return "http://127.0.0.1:" + running().port;
    }

    /** The management interface: health, metrics, OpenAPI; fails, naming the log, when the process has ended. */
    String managementUrl() {
        return "http://127.0.0.1:" + running().managementPort;
    }

    private ServiceProcess running() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " has exited with " + process.exitValue() + ", see " + log);
        }
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200 on the management interface. */
    void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ", see " + log);
    }

    /** The exit code once the process ended by itself within {@code timeout}, with what it logged; fails if it still runs. */
    String awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + timeout + ", see " + log);
        }
        return "exit " + process.exitValue() + "\n" + Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Stops each of these, in this order, whatever the others do. */
    static void closeAll(List<? extends AutoCloseable> running) {
        for (AutoCloseable each : running) {
            try {
                each.close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A log file of its own for this process: a class's earlier processes of the same service keep theirs. */
    private static Path newLog(String testClass, String service) throws IOException {
        Path folder = Files.createDirectories(LOGS.resolve(testClass));
        Path log = folder.resolve(service + ".log");
        for (int n = 2; Files.exists(log); n++) {
            log = folder.resolve(service + "-" + n + ".log");
        }
        return log;
    }
}
