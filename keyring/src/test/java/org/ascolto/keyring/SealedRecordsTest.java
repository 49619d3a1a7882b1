package org.ascolto.keyring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKeyring;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sealing and opening the v2 records against a real keyring database. */
class SealedRecordsTest {

    private static final String USER = TestDatabase.user();
    private static final String PASSWORD = TestKeyring.password();

    private final Keyring keyring = keyring(TestKeyring.MASTER_KEY);
    private final SealedRecords sealed = new SealedRecords(keyring);

    @Test
    void aContactRoundTripsAndItsPersonalFieldsAreNotInClear() {
        CitizenContact contact = giulia(Contacts.newCitizenKey());
        byte[] value = sealed.contact(contact);

        assertEquals(Optional.of(contact), sealed.openContact(value));
        String raw = new String(value, StandardCharsets.UTF_8);
        for (String personal : List.of("Giulia", "+393331234567", "giulia@example.org", "semaforo", "wamid.HBg", "piazzale",
                "lookaside", "106540352242922")) {
            assertFalse(raw.contains(personal), personal + " in " + raw);
        }
        assertTrue(raw.contains(contact.citizen().key()) && raw.contains(contact.contactId().toString()), raw);
    }

    @Test
    void aRoutedContactAndAReplyRoundTripWithTheReasonsAndRecipientSealed() {
        CitizenContact contact = giulia(Contacts.newCitizenKey());
        RoutedContact routed = new RoutedContact(contact, new RoutingDecision("mobility", 0.8, false, "it", "mobility-queue",
                48, List.of("semaforo", "spento"), "test"));
        byte[] routedValue = sealed.routed(routed);
        assertEquals(Optional.of(routed), sealed.openRouted(routedValue));
        assertFalse(new String(routedValue, StandardCharsets.UTF_8).contains("spento"));

        Reply reply = reply(contact);
        byte[] replyValue = sealed.reply(reply);
        assertEquals(Optional.of(reply), sealed.openReply(replyValue));
        String raw = new String(replyValue, StandardCharsets.UTF_8);
        assertFalse(raw.contains("393331234567") || raw.contains("Gentile"), raw);
    }

    @Test
    void aTamperedBlobIsErased() {
        byte[] value = sealed.contact(giulia(Contacts.newCitizenKey()));
        ObjectNode tree = (ObjectNode) EventJson.parse(value);
        byte[] blob = Base64.getDecoder().decode(tree.get("sealed").asText());
        blob[blob.length - 1] ^= 1;
        tree.put("sealed", Base64.getEncoder().encodeToString(blob));

        assertEquals(Optional.empty(), sealed.openContact(EventJson.write(tree)));
    }

    @Test
    void aSealedFieldMovedToAnotherRecordDoesNotOpen() {
        String citizen = Contacts.newCitizenKey();
        ObjectNode first = (ObjectNode) EventJson.parse(sealed.contact(giulia(citizen)));
        ObjectNode second = (ObjectNode) EventJson.parse(sealed.contact(giulia(citizen)));
        second.set("sealed", first.get("sealed"));
        assertEquals(Optional.empty(), sealed.openContact(EventJson.write(second)));

        // nor into a routed record of the same contact: the shape is bound too
        CitizenContact contact = giulia(citizen);
        ObjectNode routed = (ObjectNode) EventJson.parse(sealed.routed(new RoutedContact(contact, Contacts.decision("mobility", false))));
        routed.set("sealed", EventJson.parse(sealed.contact(contact)).get("sealed"));
        assertEquals(Optional.empty(), sealed.openRouted(EventJson.write(routed)));
    }

    @Test
    void anErasedCitizensRecordsStayUnopenableAndAfterwardsTheyGetANewKey() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact before = giulia(citizen);
        byte[] sealedBefore = sealed.contact(before);
        Keyring elsewhere = keyring(TestKeyring.MASTER_KEY); // another process, which cached the key
        assertEquals(Optional.of(before), new SealedRecords(elsewhere).openContact(sealedBefore));

        assertEquals(1, keyring.erase(List.of(citizen)));
        assertEquals(0, keyring.erase(List.of(citizen)), "erasing again deletes nothing");
        assertEquals(Optional.empty(), sealed.openContact(sealedBefore));
        assertEquals(Optional.empty(), new SealedRecords(keyring(TestKeyring.MASTER_KEY)).openContact(sealedBefore));

        CitizenContact after = giulia(citizen);
        byte[] sealedAfter = sealed.contact(after);
        assertEquals(Optional.of(after), sealed.openContact(sealedAfter));
        assertNotEquals(keyId(sealedBefore), keyId(sealedAfter));
        assertEquals(Optional.empty(), sealed.openContact(sealedBefore), "the new key does not open the old records");
        // the process that cached the old key learns of the new one from the database, and still cannot open the old
        assertEquals(Optional.of(after), new SealedRecords(elsewhere).openContact(sealedAfter));
    }

    @Test
    void twoProcessesCreatingTheSameCitizensKeyAtOnceAgreeOnOne() throws Exception {
        List<Keyring> processes = List.of(keyring(TestKeyring.MASTER_KEY), keyring(TestKeyring.MASTER_KEY));
        for (int round = 0; round < 20; round++) {
            String citizen = Contacts.newCitizenKey();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<UUID>> ids = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Keyring process = processes.get(i % 2);
                    Callable<UUID> create = () -> {
                        start.await();
                        return process.current(citizen).id();
                    };
                    ids.add(threads.submit(create));
                }
                start.countDown();
                Set<UUID> distinct = new HashSet<>();
                for (Future<UUID> id : ids) {
                    distinct.add(id.get());
                }
                assertEquals(1, distinct.size(), "one key for " + citizen);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aWrongMasterKeyIsAFaultNeverAnErasure() {
        String citizen = Contacts.newCitizenKey();
        byte[] value = sealed.contact(giulia(citizen));
        SealedRecords wrong = new SealedRecords(keyring(Base64.getEncoder().encodeToString(new byte[32])));

        KeyringUnavailableException refused = assertThrows(KeyringUnavailableException.class, () -> wrong.openContact(value));
        assertTrue(refused.getMessage().contains("ASCOLTO_KEYRING_MASTER_KEY"), refused.getMessage());
    }

    @Test
    void aSealedFieldThatIsNoBlobIsInvalidNotErased() {
        ObjectNode tree = (ObjectNode) EventJson.parse(sealed.contact(giulia(Contacts.newCitizenKey())));
        for (String garbage : List.of("not base64 at all, with spaces", "A".repeat(80), "%%%%".repeat(20),
                Base64.getEncoder().encodeToString(new byte[40]), "A".repeat(1_400_004))) {
            tree.put("sealed", garbage);
            assertThrows(InvalidEventException.class, () -> sealed.openContact(EventJson.write(tree)), garbage.substring(0, 10));
        }
        tree.remove("sealed");
        assertThrows(InvalidEventException.class, () -> sealed.openContact(EventJson.write(tree)));
        tree.put("sealed", "A".repeat(80));
        tree.with("citizen").put("displayName", "Giulia");
        assertThrows(InvalidEventException.class, () -> sealed.openContact(EventJson.write(tree)), "no personal field in clear");
        assertThrows(InvalidEventException.class, () -> sealed.openContact(null));
        assertThrows(InvalidEventException.class, () -> sealed.openContact("{}".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A record is opened with one schema validation, of the opened record; what the sealed record's own schema alone
     * requires is checked before the keyring is asked, and a record invalid in clear is refused even when its seal
     * does not open: it is never taken for an erased citizen's.
     */
    @Test
    void whatOnlyTheSealedSchemaRequiresIsStillRefusedWithItsReason() {
        CitizenContact contact = giulia(Contacts.newCitizenKey());
        ObjectNode valid = (ObjectNode) EventJson.parse(sealed.contact(contact));

        ObjectNode versionOne = valid.deepCopy().put("schemaVersion", 1);
        assertTrue(refusal(versionOne).contains("schemaVersion"), refusal(versionOne));
        ObjectNode textInClear = valid.deepCopy().put("text", "semaforo spento");
        assertTrue(refusal(textInClear).contains("text"), refusal(textInClear));
        assertFalse(refusal(textInClear).contains("semaforo"), "never quote a personal field: " + refusal(textInClear));
        for (String notAKey : List.of("short", "a\u0000".repeat(10), "k".repeat(2_000_000), contact.citizen().key() + "\n")) {
            ObjectNode hostileKey = valid.deepCopy();
            hostileKey.with("citizen").put("key", notAKey);
            assertThrows(InvalidEventException.class, () -> sealed.openContact(EventJson.write(hostileKey)));
        }

        keyring.erase(List.of(contact.citizen().key()));
        assertEquals(Optional.empty(), sealed.openContact(EventJson.write(valid)), "erased");
        ObjectNode badDate = valid.deepCopy().put("occurredAt", "yesterday");
        assertTrue(refusal(badDate).contains("occurredAt"), "invalid, not erased: " + refusal(badDate));
    }

    private String refusal(ObjectNode record) {
        return assertThrows(InvalidEventException.class, () -> sealed.openContact(EventJson.write(record))).getMessage();
    }

    @Test
    void aKnownCitizensRecordsSealAndOpenFromTheCacheWhileTheDatabaseIsGone() {
        TestDatabase database = keyringDatabase();
        try {
            SealedRecords cached = new SealedRecords(keyringOn(database));
            CitizenContact contact = giulia(Contacts.newCitizenKey());
            byte[] value = cached.contact(contact);
            database.close();

            assertEquals(Optional.of(contact), cached.openContact(value), "no round trip for a key in the cache");
            assertTrue(cached.contact(giulia(contact.citizen().key())).length > 0);
            assertThrows(KeyringUnavailableException.class, () -> cached.contact(giulia(Contacts.newCitizenKey())),
                    "a new citizen's key needs the database: a fault, never a record sealed without one");
        } finally {
            database.close();
        }
    }

    @Test
    void aPolledBatchOfRecordsOpensWithTheKeysPreloadedInOneReadEvenOnceTheDatabaseIsGone() {
        TestDatabase database = keyringDatabase();
        try {
            Keyring adapter = keyringOn(database);
            List<CitizenContact> contacts = List.of(giulia(Contacts.newCitizenKey()), giulia(Contacts.newCitizenKey()),
                    giulia(Contacts.newCitizenKey()));
            List<byte[]> values = contacts.stream().map(new SealedRecords(adapter)::contact).toList();
            CitizenContact erased = giulia(Contacts.newCitizenKey());
            byte[] erasedValue = new SealedRecords(adapter).contact(erased);
            adapter.erase(List.of(erased.citizen().key()));

            SealedRecords router = new SealedRecords(keyringOn(database));
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < contacts.size(); i++) {
                batch.add(new ConsumerRecord<>(Topics.CONTACTS, 0, i, contacts.get(i).citizen().key(), values.get(i)));
            }
            batch.add(new ConsumerRecord<>(Topics.CONTACTS, 0, 3, null, values.get(0)));
            // keys anyone may write, which PostgreSQL would refuse: never a keyring fault that stops the consumer
            batch.add(new ConsumerRecord<>(Topics.CONTACTS, 0, 3, "nul\u0000" + contacts.get(0).citizen().key(), values.get(0)));
            batch.add(new ConsumerRecord<>(Topics.CONTACTS, 0, 3, "\uD800".repeat(100_000), values.get(0)));
            batch.add(new ConsumerRecord<>(Topics.CONTACTS, 0, 4, erased.citizen().key(), erasedValue));
            router.preload(batch);
            database.close();

            for (int i = 0; i < contacts.size(); i++) {
                assertEquals(Optional.of(contacts.get(i)), router.openContact(values.get(i)), "preloaded, no round trip");
            }
            assertThrows(KeyringUnavailableException.class, () -> router.openContact(erasedValue),
                    "an erased citizen has no key to preload: opening asks the database again");
        } finally {
            database.close();
        }
    }

    @Test
    void aRequestsNewCitizensGetTheirKeysTogetherAndAKnownCitizenKeepsTheOneItHas() {
        TestDatabase database = keyringDatabase();
        try {
            Keyring elsewhere = keyringOn(database);
            String known = Contacts.newCitizenKey();
            UUID knownKey = elsewhere.current(known).id();
            List<String> fresh = java.util.stream.IntStream.range(0, 1_203).mapToObj(i -> Contacts.newCitizenKey()).toList();
            List<CitizenContact> request = new ArrayList<>();
            request.add(giulia(known));
            fresh.forEach(citizen -> request.add(giulia(citizen)));
            request.add(giulia(fresh.get(0)));
            Keyring adapter = keyringOn(database);
            SealedRecords sealing = new SealedRecords(adapter);

            sealing.prepareContacts(request);
            Keyring reader = keyringOn(database);
            reader.preload(request.stream().map(contact -> contact.citizen().key()).toList());
            Map<String, UUID> stored = new java.util.HashMap<>();
            request.forEach(contact -> stored.put(contact.citizen().key(), reader.current(contact.citizen().key()).id()));
            database.close();

            for (CitizenContact contact : request) {
                assertEquals(stored.get(contact.citizen().key()), keyId(sealing.contact(contact)),
                        "sealed with the stored key, and with no round trip: the database is gone");
            }
            assertEquals(knownKey, stored.get(known), "the key another process created is the one read, not a second");
            assertThrows(KeyringUnavailableException.class, () -> sealing.contact(giulia(Contacts.newCitizenKey())),
                    "a citizen the request did not name still needs the database");
        } finally {
            database.close();
        }
    }

    @Test
    void twoProcessesPreparingTheSameNewCitizensAtOnceInOppositeOrdersAgreeOnOneKeyEach() throws Exception {
        List<Keyring> processes = List.of(keyring(TestKeyring.MASTER_KEY), keyring(TestKeyring.MASTER_KEY));
        for (int round = 0; round < 10; round++) {
            List<String> citizens = java.util.stream.IntStream.range(0, 50).mapToObj(i -> Contacts.newCitizenKey()).toList();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<UUID>>> ids = new ArrayList<>();
                for (Keyring process : processes) {
                    List<String> order = new ArrayList<>(citizens);
                    if (process != processes.get(0)) {
                        java.util.Collections.reverse(order);
                    }
                    Callable<List<UUID>> prepare = () -> {
                        start.await();
                        process.prepare(order);
                        return citizens.stream().map(citizen -> process.current(citizen).id()).toList();
                    };
                    ids.add(threads.submit(prepare));
                }
                start.countDown();
                assertEquals(ids.get(0).get(), ids.get(1).get(), "one key for each citizen");
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static UUID keyId(byte[] value) {
        byte[] blob = Base64.getDecoder().decode(EventJson.parse(value).get("sealed").asText());
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(blob, 1, 16);
        return new UUID(header.getLong(), header.getLong());
    }

    /** A keyring database of the test's own, which it may drop to show what needs no round trip. */
    private static TestDatabase keyringDatabase() {
        TestDatabase database = TestDatabase.create();
        try {
            Flyway.configure().dataSource(database.jdbcUrl(), USER, PASSWORD).locations("classpath:db/keyring").load().migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Keyring keyringOn(TestDatabase database) {
        return Keyring.connect(database.jdbcUrl(), USER, PASSWORD, MasterKey.of(TestKeyring.MASTER_KEY));
    }

    private static Keyring keyring(String masterKey) {
        return Keyring.connect(TestKeyring.jdbcUrl(), USER, PASSWORD, MasterKey.of(masterKey));
    }

    private static CitizenContact giulia(String citizenKey) {
        Instant now = Instant.parse("2026-11-23T07:58:12Z");
        String wamid = "wamid.HBg" + UUID.randomUUID();
        return new CitizenContact(org.ascolto.contracts.ContactIds.of("whatsapp", wamid), "whatsapp", wamid, now, now,
                new CitizenContact.Citizen(citizenKey, "Giulia", "+393331234567", "giulia@example.org", "393331234567"),
                "Semaforo", "ciao, il semaforo di piazzale loreto è spento", "it",
                new CitizenContact.Location(45.4856, 9.2163, "piazzale Loreto"),
                List.of(new CitizenContact.Attachment("https://lookaside.fbsbx.com/x", "image/jpeg")), "393331234567",
                Map.of("phoneNumberId", "106540352242922"), CitizenContact.SCHEMA_VERSION);
    }

    private static Reply reply(CitizenContact contact) {
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000123", "whatsapp", contact.citizen().key(),
                new Reply.Recipient("393331234567", "+393331234567", null),
                new Reply.InReplyTo(contact.contactId(), contact.externalId(), contact.occurredAt(), "393331234567",
                        Map.of("phoneNumberId", "106540352242922")),
                "Gentile Giulia, abbiamo avvisato la Polizia Locale", "it", "marco.operatore", null,
                Instant.parse("2026-11-23T08:10:00Z"), Reply.SCHEMA_VERSION);
    }
}
