package org.ascolto.meta.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;

import org.ascolto.conformance.IntakeProperties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MetaNormalizerProperties {

    private final MetaNormalizer normalizer = new MetaNormalizer(IntakeProperties.citizenKeys());

    @Property(tries = 100)
    void hostileNotificationsAreRefusedOrAcceptedIntact(@ForAll("notifications") byte[] body) throws IOException {
        IntakeProperties.refusedOrAcceptedIntact(() -> normalizer.contacts(body, Instant.now()));
    }

    @Example
    void theSamplesAreAccepted() throws IOException {
        for (String sample : new String[] { "samples/messenger-message.json", "samples/instagram-batched.json", "samples/page-feed.json" }) {
            byte[] body = IntakeProperties.bytesOf(sample);
            assertTrue(IntakeProperties.refusedOrAcceptedIntact(() -> normalizer.contacts(body, Instant.now())) > 0, sample);
        }
    }

    @Provide
    Arbitrary<byte[]> notifications() {
        return IntakeProperties.bodiesLike("samples/messenger-message.json", "samples/instagram-batched.json", "samples/page-feed.json");
    }
}
