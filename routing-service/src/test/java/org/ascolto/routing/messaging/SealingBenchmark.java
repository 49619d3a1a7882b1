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
 * record, as the service did before the topics were sealed (the same-run reference). {@code open}, {@code seal} and
 * {@code validateSealed} take {@code sealed} apart; {@code newCitizens…} is an adapter's side, sealing a request of new
 * citizens' contacts. Run with {@code routing-service/bench.sh sealing}.
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
    private static final int REQUEST = 100;
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

    /**
     * The sealed record against its v2 schema: {@link #open} no longer does it to a record that opens (the opened
     * record's v1 schema checks every field), only to one it refuses or cannot open.
     */
    @Benchmark
    public JsonNode validateSealed() {
        return EventSchema.CITIZEN_CONTACT_V2.validTree(sealed.get(next()));
    }

    /**
     * What an adapter does with one request of {@value #REQUEST} contacts of new citizens (a batch of the contact
     * center's calls): each contact sealed, its citizen's key created as it is, one INSERT and commit a citizen.
     */
    @Benchmark
    public int newCitizensOneByOne() {
        return sealAll(newCitizens());
    }

    /** The same request with its keys created together first ({@link SealedRecords#prepareContacts}), as the adapters do. */
    @Benchmark
    public int newCitizensPrepared() {
        List<CitizenContact> request = newCitizens();
        sealedRecords.prepareContacts(request);
        return sealAll(request);
    }

    private List<CitizenContact> newCitizens() {
        return IntStream.range(0, REQUEST).mapToObj(i -> Contacts.whatsapp(Contacts.newCitizenKey(), "39333" + (1_000_000 + i),
                contacts.get(next()).text())).toList();
    }

    private int sealAll(List<CitizenContact> request) {
        return request.stream().mapToInt(contact -> sealedRecords.contact(contact).length).sum();
    }

    /** Every benchmark, or those whose names match the first argument. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SealingBenchmark.class.getName() + "\\." + (args.length > 0 ? args[0] : "")).build()).run();
    }
}
