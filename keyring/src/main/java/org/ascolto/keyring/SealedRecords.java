package org.ascolto.keyring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one codec of the v2 topics ({@link Topics#CONTACTS}, {@link Topics#CONTACTS_ROUTED}, {@link Topics#REPLIES}), for
 * their producers and consumers:
 * the domain records ({@link CitizenContact}, {@link RoutedContact}, {@link Reply}) in, their personal fields sealed
 * with the citizen's data key into one {@code sealed} string out, and back. The sealed blob is
 * {@code 1 ‖ key id (16 bytes) ‖ nonce ‖ AES-256-GCM ciphertext ‖ tag}, in base64.
 */
public class SealedRecords {

    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + 16;

    private final Keyring keyring;

    public SealedRecords(Keyring keyring) {
        this.keyring = keyring;
    }

    public byte[] contact(CitizenContact contact) {
        return seal(SealedShape.CONTACT, EventJson.tree(contact));
    }

    public byte[] routed(RoutedContact routed) {
        return seal(SealedShape.ROUTED_CONTACT, EventJson.tree(routed));
    }

    /** A reply sealed for its citizen: it must name their key ({@link Reply#citizenKey()}). */
    public byte[] reply(Reply reply) {
        return seal(SealedShape.REPLY, EventJson.tree(reply));
    }

    /**
     * The contact of a record; nothing when its citizen's key was erased. A record that does not parse, validate or
     * unseal into a valid contact is an {@link InvalidEventException}; a keyring that does not answer, a
     * {@link KeyringUnavailableException}.
     */
    public Optional<CitizenContact> openContact(byte[] value) {
        return open(SealedShape.CONTACT, value, CitizenContact.class);
    }

    public Optional<RoutedContact> openRouted(byte[] value) {
        return open(SealedShape.ROUTED_CONTACT, value, RoutedContact.class);
    }

    public Optional<Reply> openReply(byte[] value) {
        return open(SealedShape.REPLY, value, Reply.class);
    }

    /**
     * Readies the keys of a polled batch of records: those of the citizens the records are keyed by (the contacts'
     * and routed contacts' topics are keyed by citizen key) that this process does not hold are read in one round
     * trip, rather than one a record as each is opened. A record keyed otherwise is only opened a little slower; a
     * key that is no citizen key (a NUL, a megabyte: anyone can write a record's key) is never sent to the database.
     * Only a head start: a keyring that does not answer is left to each record's opening, which its consumer waits out.
     */
    public void preload(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<String> citizenKeys = new ArrayList<>();
        records.forEach(record -> {
            if (CitizenContact.Citizen.isKey(record.key())) {
                citizenKeys.add(record.key());
            }
        });
        try {
            keyring.preload(citizenKeys);
        } catch (KeyringUnavailableException e) {
            // the first record opened meets the same fault, and its consumer waits with readiness DOWN
        }
    }

    /**
     * Readies the keys to seal these contacts with (one request's): those of citizens this process does not hold are
     * created, or read, for the lot at once ({@link Keyring#prepare}) rather than one a contact as each is sealed.
     */
    public void prepareContacts(List<CitizenContact> contacts) {
        keyring.prepare(contacts.stream().map(contact -> contact.citizen().key()).filter(CitizenContact.Citizen::isKey).toList());
    }

    private byte[] seal(SealedShape shape, JsonNode tree) {
        ObjectNode clear = (ObjectNode) tree;
        ObjectNode personal = JsonNodeFactory.instance.objectNode();
        for (JsonPointer pointer : shape.personal) {
            move(clear, personal, pointer);
        }
        shape.versions.forEach(pointer -> set(clear, pointer, JsonNodeFactory.instance.numberNode(2)));
        String citizenKey = text(clear, shape.citizenKey, "a sealed record names its citizen key");
        DataKey key = keyring.current(citizenKey);
        byte[] sealed = Aead.seal(key.key(), EventJson.write(personal), associatedData(shape, clear));
        clear.put("sealed", Base64.getEncoder().encodeToString(ByteBuffer.allocate(HEADER_BYTES + sealed.length)
                .put(FORMAT).putLong(key.id().getMostSignificantBits()).putLong(key.id().getLeastSignificantBits())
                .put(sealed).array()));
        return EventJson.write(clear);
    }

    /**
     * Opens a record with one schema validation, not two: the opened record against its v1 schema checks every field,
     * clear and sealed, so the sealed record's own (v2) schema is only read to say why a record is refused, or to tell
     * an invalid record from an erased citizen's when its seal does not open. Before that, the few things the v2 schema
     * alone requires are checked by hand: a {@code sealed} string, schema version 2, a citizen key (or nothing is sent
     * to the keyring), and no personal field in clear. Unknown clear fields are ignored, as in a v1 record.
     */
    private <T> Optional<T> open(SealedShape shape, byte[] value, Class<T> type) {
        JsonNode tree = EventJson.parse(value);
        if (!(tree instanceof ObjectNode clear) || !shape.isEnvelope(clear)) {
            throw refused(shape, tree);
        }
        byte[] blob = blob(clear.get("sealed").asText());
        ByteBuffer header = ByteBuffer.wrap(blob, 1, 16);
        UUID keyId = new UUID(header.getLong(), header.getLong());
        Optional<DataKey> key = keyring.find(clear.at(shape.citizenKey).asText(), keyId);
        byte[] plaintext = key.map(found -> opened(found, blob, shape, clear)).orElse(null);
        if (plaintext == null) {
            if (!shape.sealed.violations(clear).isEmpty()) {
                throw refused(shape, clear); // invalid in clear: a dead letter, never taken for an erased citizen's
            }
            return Optional.empty();
        }
        JsonNode personal;
        try {
            personal = EventJson.parse(plaintext);
        } catch (InvalidEventException e) {
            throw new InvalidEventException("the sealed fields are no JSON object"); // never quote what they hold
        }
        clear.remove("sealed");
        for (JsonPointer pointer : shape.personal) {
            move(personal, clear, pointer);
        }
        shape.versions.forEach(pointer -> set(clear, pointer, JsonNodeFactory.instance.numberNode(1)));
        return Optional.of(shape.opened.read(clear, type));
    }

    /** The sealed fields in JSON, or null when the key does not open them: as good as erased, for whoever holds a copy. */
    private static byte[] opened(DataKey key, byte[] blob, SealedShape shape, ObjectNode clear) {
        try {
            return Aead.open(key.key(), Arrays.copyOfRange(blob, HEADER_BYTES, blob.length), associatedData(shape, clear));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Why a record is no sealed record of its shape, in the words of its v2 schema. */
    private static InvalidEventException refused(SealedShape shape, JsonNode tree) {
        List<String> violations = shape.sealed.violations(tree);
        return new InvalidEventException(violations.isEmpty() ? "not a sealed " + shape.name().toLowerCase(Locale.ROOT) + " record"
                : "schema violation: " + String.join("; ", violations));
    }

    /** The blob of a {@code sealed} string; one that is not base64 or too short to name its key is invalid. */
    private static byte[] blob(String sealed) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("sealed is not base64");
        }
        if (blob.length < HEADER_BYTES + 28 || blob[0] != FORMAT) {
            throw new InvalidEventException("sealed is not a sealed blob of format " + FORMAT);
        }
        return blob;
    }

    private static byte[] associatedData(SealedShape shape, ObjectNode clear) {
        return (shape.name() + "\n" + text(clear, shape.recordId, "no record id") + "\n" + text(clear, shape.citizenKey, "no citizen key"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode tree, JsonPointer pointer, String missing) {
        JsonNode node = tree.at(pointer);
        if (!node.isTextual()) {
            throw new InvalidEventException(missing);
        }
        return node.asText();
    }

    /** Moves the field at {@code pointer} from one tree into the same place of the other, creating its parents there. */
    private static void move(JsonNode from, ObjectNode to, JsonPointer pointer) {
        JsonNode parent = from.at(pointer.head());
        if (!(parent instanceof ObjectNode source) || !source.has(pointer.last().getMatchingProperty())) {
            return;
        }
        set(to, pointer, source.remove(pointer.last().getMatchingProperty()));
    }

    private static void set(ObjectNode tree, JsonPointer pointer, JsonNode value) {
        ObjectNode parent = tree;
        for (JsonPointer step = pointer; !step.tail().matches(); step = step.tail()) {
            String name = step.getMatchingProperty();
            JsonNode child = parent.get(name);
            parent = child instanceof ObjectNode object ? object : parent.putObject(name);
        }
        parent.set(pointer.last().getMatchingProperty(), value);
    }
}
