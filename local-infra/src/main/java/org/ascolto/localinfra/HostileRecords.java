package org.ascolto.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.ascolto.contracts.EventJson;

import com.fasterxml.jackson.databind.JsonNode;

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
