package org.ascolto.whatsapp.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;

import org.ascolto.conformance.IntakeProperties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WhatsAppNormalizerProperties {

    private final WhatsAppNormalizer normalizer = new WhatsAppNormalizer(IntakeProperties.citizenKeys());

    @Property(tries = 100)
    void hostileNotificationsAreRefusedOrAcceptedIntact(@ForAll("notifications") byte[] body) throws IOException {
        IntakeProperties.refusedOrAcceptedIntact(() -> normalizer.contacts(body, Instant.now()));
    }

    @Example
    void theBatchedSampleIsAcceptedWhole() throws IOException {
        byte[] body = IntakeProperties.bytesOf("samples/batched.json");
        assertEquals(normalizer.contacts(body, Instant.now()).size(),
                IntakeProperties.refusedOrAcceptedIntact(() -> normalizer.contacts(body, Instant.now())));
    }

    @Provide
    Arbitrary<byte[]> notifications() {
        return IntakeProperties.bodiesLike("samples/text-message.json", "samples/batched.json");
    }
}
