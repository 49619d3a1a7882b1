package org.ascolto.localinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) on a data folder of
 * its own: what tests and the local run use where no broker is given. Run as a program it
 * formats the folder on first start, creates the platform's topics and serves until stopped.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats {@code dataDir} if it is new and starts a broker listening on {@code port} of 127.0.0.1. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        Properties config = config(dataDir, port, controllerPort);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(dataDir, config);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties config(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the only controller needs no no-op records, every 500 ms by default, to show its quorum alive
        p.put("metadata.max.idle.interval.ms", "0");
        return p;
    }

    private static void format(Path dataDir, Properties config) {
        try {
            Files.createDirectories(dataDir);
            Path file = Files.createTempFile("kafka-server", ".properties");
            try (Writer out = Files.newBufferedWriter(file)) {
                config.store(out, "Ascolto local broker");
            }
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            int exit = StorageTool.execute(new String[] {
                    "format", "--config", file.toString(), "--cluster-id", Uuid.randomUuid().toString(),
                    "--ignore-formatted"}, quiet);
            Files.delete(file);
            if (exit != 0) {
                throw new IllegalStateException("formatting " + dataDir + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unconfigured, the log manager enables every level: the broker would build a trace message for each request
     * and drop it, which costs a good part of its CPU under load.
     */
    private static void logWarningsOnly() {
        org.jboss.logmanager.Logger root = LogContext.getSystemLogContext().getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] %s%e%n")));
    }

    /** {@code KafkaBroker DATA_DIR [PORT [CONTROLLER_PORT]]}: serves until the process is stopped. */
    public static void main(String[] args) {
        logWarningsOnly();
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".local/kafka");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : port + 1;
        KafkaBroker broker = start(dataDir, port, controllerPort);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        Topics.create(broker.bootstrapServers(), Integer.getInteger("ascolto.partitions", 6));
        System.out.println("Kafka broker ready on " + broker.bootstrapServers() + ", data in " + dataDir);
        broker.server.awaitShutdown();
    }
}
