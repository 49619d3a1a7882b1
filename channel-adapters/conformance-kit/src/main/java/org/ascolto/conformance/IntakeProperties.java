package org.ascolto.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import org.ascolto.adapter.AcceptableContacts;
import org.ascolto.adapter.AdapterConfig;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.InvalidContactException;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.support.taxonomy.Taxonomy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import org.ascolto.localinfra.HostileInput;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The property every adapter's normalizing holds for any input, however hostile: it is refused with what the problem
 * mappers answer 4xx (malformed JSON 400, a 4xx {@link WebApplicationException}, a contact the contract refuses 422),
 * or what it accepts is clean, valid against the schema and read back by the routing service as it was published.
 * Anything else escaping would be a 5xx, or a contact accepted and then lost.
 */
public final class IntakeProperties {

    /** One normalizing of one input, as the adapter's resource does it. */
    @FunctionalInterface
    public interface Intake {
        List<CitizenContact> contacts() throws IOException;
    }

    private static final SmallRyeConfig CONFIG = new SmallRyeConfigBuilder()
            .addDefaultSources()
            .addDiscoveredSources()
            .withDefaultValue("ascolto.adapter.citizen-key-secret", "property-tests-secret")
            .withDefaultValue("ascolto.adapter.channel", "property-tests")
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(AdapterConfig.class)
            .withMapping(Taxonomy.class)
            .build();

    private IntakeProperties() {
    }

    public static AdapterConfig adapterConfig() {
        return CONFIG.getConfigMapping(AdapterConfig.class);
    }

    public static CitizenKeys citizenKeys() {
        return new CitizenKeys(adapterConfig());
    }

    /** The city's areas as they ship in service-support. */
    public static Taxonomy taxonomy() {
        return CONFIG.getConfigMapping(Taxonomy.class);
    }

    /** A JSON sample of the test class path. */
    public static JsonNode sample(String resource) {
        try (InputStream in = IntakeProperties.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hostile bodies shaped like the samples ({@link HostileInput#body}). */
    public static Arbitrary<byte[]> bodiesLike(String... samples) {
        List<JsonNode> shapes = java.util.Arrays.stream(samples).map(IntakeProperties::sample).toList();
        return Arbitraries.randomValue(random -> HostileInput.body(shapes.get(random.nextInt(shapes.size())), random));
    }

    /** The sample's bytes, unchanged. */
    public static byte[] bytesOf(String sample) {
        return EventJson.write(sample(sample));
    }

    /** Checks the property for one input; returns how many contacts were accepted (0 when refused). */
    public static int refusedOrAcceptedIntact(Intake intake) throws IOException {
        List<CitizenContact> accepted;
        try {
            accepted = AcceptableContacts.cleaned(intake.contacts());
        } catch (JsonProcessingException | InvalidContactException e) {
            return 0;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            assertTrue(status >= 400 && status < 500, () -> "refused with " + status + ": " + e);
            return 0;
        }
        for (CitizenContact contact : accepted) {
            CitizenContact read = EventSchema.CITIZEN_CONTACT.read(EventJson.write(contact), CitizenContact.class);
            assertEquals(contact, read, "what routing reads is what the adapter accepted");
            assertTrue(!read.occurredAt().isAfter(read.receivedAt()), () -> "occurred at " + read.occurredAt() + ", after its receipt");
            assertClean(read.text());
            assertClean(read.subject());
            read.metadata().values().forEach(IntakeProperties::assertClean);
        }
        return accepted.size();
    }

    private static void assertClean(String text) {
        if (text == null) {
            return;
        }
        assertTrue(Normalizer.isNormalized(text, Normalizer.Form.NFC), "text in NFC");
        assertTrue(text.codePoints().allMatch(c -> c == '\n' || c == '\t'
                || (Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE)),
                "no control characters but newline and tab");
    }
}
