package org.ascolto.email.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.ascolto.conformance.IntakeProperties;
import org.ascolto.localinfra.HostileInput;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives in a mailbox is skipped with a reason, or becomes a contact that is clean, valid and read back as
 * published: hostile headers and bodies, charsets, transfer encodings, nesting, and bytes that are not mail at all.
 */
class MailNormalizerProperties {

    private final MailNormalizer normalizer = new MailNormalizer(IntakeProperties.citizenKeys());

    @Property(tries = 200)
    void hostileMailIsSkippedOrAcceptedIntact(@ForAll("messages") byte[] raw) throws Exception {
        IntakeProperties.refusedOrAcceptedIntact(() -> {
            InboundMail mail = normalizer.read(raw, MailOrigin.delivered("properties"), Instant.now());
            return mail instanceof InboundMail.Contact contact ? List.of(contact.contact()) : List.of();
        });
    }

    @Property(tries = 20)
    void readingTheSameMessageTwiceIsTheSameContact(@ForAll("messages") byte[] raw) {
        InboundMail first = normalizer.read(raw, MailOrigin.delivered("properties"), Instant.now());
        InboundMail again = normalizer.read(raw, MailOrigin.delivered("properties"), Instant.now());
        if (first instanceof InboundMail.Contact one && again instanceof InboundMail.Contact two) {
            assertEquals(one.contact().contactId(), two.contact().contactId());
        } else {
            assertEquals(first, again);
        }
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.randomValue(HostileInput::mail);
    }
}
