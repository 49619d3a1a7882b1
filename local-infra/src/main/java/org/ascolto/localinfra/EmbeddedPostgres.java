package org.ascolto.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.security.auth.module.UnixSystem;

/**
 * PostgreSQL started from the binaries packed on Maven Central ({@code io.zonky.test.postgres}), for machines with
 * neither Docker nor a PostgreSQL server: no install, no network. The binaries are unpacked once per version into the
 * temporary folder; the cluster lives in a data folder of its own, trusting connections from 127.0.0.1.
 * PostgreSQL refuses to run as root, so a root JVM runs it as {@code nobody}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    private static final String USER = "postgres";
    private static final String UNPRIVILEGED = "nobody";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private EmbeddedPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Initialises {@code dataDir} if it holds no cluster yet and starts PostgreSQL on {@code port} of 127.0.0.1, with
     * the given {@code name=value} settings on top of the defaults.
     */
    public static EmbeddedPostgres start(Path dataDir, int port, String... settings) {
        EmbeddedPostgres postgres = new EmbeddedPostgres(binaries().resolve("bin"), dataDir.toAbsolutePath(), port);
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            postgres.initdb();
        }
        // TCP only: a socket in a deep data folder could pass the length limit of a socket path
        postgres.run("pg_ctl", "-D", postgres.dataDir.toString(), "-w", "-t", "60", "-l",
                postgres.dataDir.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -k '' -c listen_addresses=127.0.0.1" + Arrays.stream(settings).map(s -> " -c " + s)
                        .collect(Collectors.joining()), "start");
        return postgres;
    }

    PostgresServer server() {
        return new PostgresServer("127.0.0.1", port, USER);
    }

    /** Creates each database that does not exist yet. */
    void createDatabases(List<String> names) {
        try (Connection connection = DriverManager.getConnection(server().jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating the databases " + names + " failed", e);
        }
    }

    @Override
    public void close() {
        run("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "stop");
    }

    private void initdb() {
        try {
            Files.createDirectories(dataDir);
            if (runningAsRoot()) {
                Files.setOwner(dataDir, dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED));
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("initdb", "-D", dataDir.toString(), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
    }

    /** Runs one of PostgreSQL's programs and waits for it; its output tells why when it fails. */
    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            // a file, not a pipe: the server pg_ctl starts would hold a pipe open
            Path output = Files.createTempFile("ascolto-" + program, ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroy();
                    throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
                }
            } finally {
                Files.delete(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The unpacked binaries of the artifact on the classpath, unpacked now if no earlier run did. */
    private static Path binaries() {
        URL packed = EmbeddedPostgres.class.getResource(BINARIES);
        if (packed == null) {
            throw new IllegalStateException("no PostgreSQL binaries for this platform on the classpath (" + BINARIES
                    + "): start a PostgreSQL server or Docker, or set PGHOST/PGPORT");
        }
        // the artifact's file name carries its version
        Path unpacked = Path.of(System.getProperty("java.io.tmpdir"),
                "ascolto-postgres-" + Integer.toHexString(packed.toString().hashCode()));
        if (Files.isDirectory(unpacked)) {
            return unpacked;
        }
        try {
            Path partial = Files.createTempDirectory(unpacked.getParent(), unpacked.getFileName() + ".partial");
            unpack(packed, partial);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                // several test JVMs may unpack at once: the first complete folder wins
                Files.move(partial, unpacked, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                TestKafka.deleteRecursively(partial);
            }
            return unpacked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unpack(URL packed, Path into) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "--no-same-owner", "-C", into.toString())
                .redirectErrorStream(true).start();
        try (InputStream in = packed.openStream()) {
            in.transferTo(tar.getOutputStream());
            tar.getOutputStream().close();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IOException("unpacking " + packed + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * {@code EmbeddedPostgres DATA_DIR PORT [DATABASE...]}, for {@code ./ascolto run} where no server answers and no
     * PostgreSQL is installed: serves until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgres postgres = start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-shutdown"));
        postgres.createDatabases(List.of(args).subList(2, args.length));
        System.out.println("PostgreSQL ready on " + postgres.server().address() + ", data in " + args[0]);
        Thread.currentThread().join();
    }
}
