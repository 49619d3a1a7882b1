package org.ascolto.phone.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;

import org.ascolto.conformance.IntakeProperties;
import org.ascolto.phone.config.PhoneConfig;

import io.smallrye.config.SmallRyeConfigBuilder;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ContactTraceRecordsProperties {

    private static final PhoneConfig PHONE = new SmallRyeConfigBuilder()
            .withDefaultValue("ascolto.phone.signing-secret", "property-tests-secret")
            .withMapping(PhoneConfig.class)
            .build()
            .getConfigMapping(PhoneConfig.class);

    private final ContactTraceRecords records = new ContactTraceRecords(IntakeProperties.citizenKeys(), PHONE,
            IntakeProperties.adapterConfig());

    @Property(tries = 100)
    void hostileCallRecordsAreRefusedOrAcceptedIntact(@ForAll("callRecords") byte[] body) throws IOException {
        IntakeProperties.refusedOrAcceptedIntact(() -> records.contacts(body, Instant.now()));
    }

    @Example
    void theSamplesAreAccepted() throws IOException {
        for (String sample : new String[] { "samples/inbound-call.json", "samples/batch.json" }) {
            byte[] body = IntakeProperties.bytesOf(sample);
            assertTrue(IntakeProperties.refusedOrAcceptedIntact(() -> records.contacts(body, Instant.now())) > 0, sample);
        }
    }

    @Provide
    Arbitrary<byte[]> callRecords() {
        return IntakeProperties.bodiesLike("samples/inbound-call.json", "samples/batch.json");
    }
}
