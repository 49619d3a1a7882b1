package org.ascolto.email.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

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

    private static final List<String> CHARSETS = List.of("UTF-8", "ISO-8859-1", "x-unknown", "", "UTF-16", "windows-1252\"");
    private static final List<String> ENCODINGS = List.of("7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "binary");
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
        return Arbitraries.randomValue(MailNormalizerProperties::message);
    }

    /** A message built of hostile pieces: some headers missing or repeated, nested parts, any charset and encoding, or noise. */
    private static byte[] message(Random random) {
        if (random.nextInt(10) == 0) {
            return random.nextBoolean() ? HostileInput.bytes(random) : HostileInput.invalidUtf8(random);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int froms = random.nextInt(4) == 0 ? random.nextInt(3) : 1;
        for (int i = 0; i < froms; i++) {
            write(out, "From: " + (random.nextBoolean() ? "\"" + HostileInput.text(random) + "\" " : "") + "<citizen"
                    + random.nextInt(5) + "@example.org>\r\n");
        }
        if (random.nextInt(4) > 0) {
            write(out, "Message-ID: <" + (random.nextBoolean() ? "m" + random.nextInt(1000) : HostileInput.text(random)) + "@x>\r\n");
        }
        if (random.nextBoolean()) {
            write(out, "Subject: " + HostileInput.text(random).replace("\n", " ") + "\r\n");
        }
        if (random.nextInt(6) == 0) {
            write(out, List.of("Auto-Submitted: auto-replied", "X-Ricevuta: accettazione", "Precedence: junk",
                    "Date: " + HostileInput.text(random)).get(random.nextInt(4)) + "\r\n");
        }
        int depth = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(3);
        for (int level = 0; level < depth; level++) {
            write(out, "Content-Type: multipart/" + (random.nextBoolean() ? "mixed" : "alternative") + "; boundary=\"b" + level
                    + "\"\r\n\r\n--b" + level + "\r\n");
        }
        String type = random.nextBoolean() ? "text/plain" : random.nextBoolean() ? "text/html" : "application/octet-stream";
        write(out, "Content-Type: " + type + "; charset=" + CHARSETS.get(random.nextInt(CHARSETS.size())) + "\r\n");
        write(out, "Content-Transfer-Encoding: " + ENCODINGS.get(random.nextInt(ENCODINGS.size())) + "\r\n\r\n");
        byte[] body = random.nextInt(3) == 0 ? HostileInput.invalidUtf8(random)
                : (random.nextInt(20) == 0 ? "x".repeat(30_000) : HostileInput.text(random)).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(body);
        for (int level = depth - 1; level >= 0; level--) {
            write(out, random.nextBoolean() ? "\r\n--b" + level + "--\r\n" : "\r\n");
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
