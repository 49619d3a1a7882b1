package org.ascolto.routing.messaging;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKeyring;
import org.ascolto.routing.domain.HeldOutEvaluation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the routing service does to each contact besides classifying it, on one thread, with the citizens' keys in the
 * keyring's cache (a real keyring database behind it): {@code sealed} opens a sealed contact and seals its routed
 * record, as the service does; {@code clear} reads and validates the same contact in clear and writes its routed
 * record, as the service did before the topics were sealed (the same-run reference). The other benchmarks take
 * {@code sealed} apart. Run with {@code routing-service/bench.sh sealing}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = "-Xmx512m")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SealingBenchmark {

    private static final int CITIZENS = 1000;
    private static final RoutingDecision DECISION = Contacts.decision("mobility", false);

    private SealedRecords sealedRecords;
    private List<byte[]> sealed;
    private List<byte[]> clear;
    private List<CitizenContact> contacts;
    private int next;

    @Setup
    public void contacts() {
        sealedRecords = new SealedRecords(Keyring.connect(TestKeyring.jdbcUrl(), TestDatabase.user(), TestKeyring.password(),
                MasterKey.of(TestKeyring.MASTER_KEY)));
        List<String> texts = HeldOutEvaluation.heldOutTexts();
        contacts = IntStream.range(0, texts.size()).mapToObj(i -> Contacts.whatsapp(citizenKey(i % CITIZENS),
                "39333" + (1_000_000 + i % CITIZENS), texts.get(i))).toList();
        sealed = contacts.stream().map(sealedRecords::contact).toList();
        clear = contacts.stream().map(EventJson::write).toList();
    }

    private static String citizenKey(int citizen) {
        return String.format("%043d", citizen);
    }

    private int next() {
        next = (next + 1) % contacts.size();
        return next;
    }

    @Benchmark
    public byte[] sealed() {
        CitizenContact contact = sealedRecords.openContact(sealed.get(next())).orElseThrow();
        return sealedRecords.routed(new RoutedContact(contact, DECISION));
    }

    @Benchmark
    public byte[] clear() {
        CitizenContact contact = EventSchema.CITIZEN_CONTACT.read(clear.get(next()), CitizenContact.class);
        return EventJson.write(new RoutedContact(contact, DECISION));
    }

    @Benchmark
    public CitizenContact open() {
        return sealedRecords.openContact(sealed.get(next())).orElseThrow();
    }

    @Benchmark
    public byte[] seal() {
        return sealedRecords.routed(new RoutedContact(contacts.get(next()), DECISION));
    }

    /** The first of the two validations of {@link #open}: the sealed record against its v2 schema. */
    @Benchmark
    public JsonNode validateSealed() {
        return EventSchema.CITIZEN_CONTACT_V2.validTree(sealed.get(next()));
    }

    /** Every benchmark, or those whose names match the first argument. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SealingBenchmark.class.getName() + "\\." + (args.length > 0 ? args[0] : "")).build()).run();
    }
}
