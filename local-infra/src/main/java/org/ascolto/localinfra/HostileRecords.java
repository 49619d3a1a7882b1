package org.ascolto.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Record values a consumer may find on its topic: none (a null value), random bytes, or events made hostile. */
public final class HostileRecords {

    private final List<JsonNode> samples;

    /** Records shaped like the contract's golden samples, e.g. {@code samples/citizen-contact/web.json}. */
    public HostileRecords(String... samples) {
        this.samples = Arrays.stream(samples).map(HostileRecords::sample).toList();
    }

    /** A value of a record: null now and then, else {@link HostileInput#body} over one of the samples. */
    public byte[] value(Random random) {
        if (random.nextInt(20) == 0) {
            return null;
        }
        return HostileInput.body(samples.get(random.nextInt(samples.size())), random);
    }

    /**
     * The record of the sealed value, its {@code sealed} field replaced by what is no sealed blob: text that is not base64,
     * base64 of zeros (no format, no key), nearly a megabyte of it, and no {@code sealed} at all. Each is invalid, never
     * an erased citizen's record.
     */
    public static List<byte[]> notSealed(byte[] sealedValue) {
        ObjectNode record = (ObjectNode) EventJson.parse(sealedValue);
        List<byte[]> hostile = new ArrayList<>();
        for (String garbage : List.of("%%%% not base64 %%%%".repeat(4), Base64.getEncoder().encodeToString(new byte[64]),
                "A".repeat(900_000))) {
            hostile.add(EventJson.write(record.deepCopy().put("sealed", garbage)));
        }
        ObjectNode missing = record.deepCopy();
        missing.remove("sealed");
        hostile.add(EventJson.write(missing));
        return hostile;
    }

    private static JsonNode sample(String resource) {
        try (InputStream in = HostileRecords.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
