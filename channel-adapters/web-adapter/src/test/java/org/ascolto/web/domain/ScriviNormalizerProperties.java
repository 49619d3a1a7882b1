package org.ascolto.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.ascolto.conformance.IntakeProperties;
import org.ascolto.localinfra.HostileInput;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Forms as bean validation lets them through (non-blank, within their lengths), with hostile text and numbers; the
 * codice fiscale kept, so that it is fuzzed too.
 */
class ScriviNormalizerProperties {

    private final ScriviNormalizer normalizer = new ScriviNormalizer(IntakeProperties.citizenKeys(), IntakeProperties.adapterConfig(),
            () -> true);

    @Property(tries = 100)
    void hostileFormsAreRefusedOrAcceptedIntact(@ForAll("forms") ScriviForm form) throws IOException {
        IntakeProperties.refusedOrAcceptedIntact(() -> List.of(normalizer.normalize(form, "fuzz-submission-0001", Instant.now())));
    }

    @Example
    void anOrdinaryFormIsAccepted() throws IOException {
        ScriviForm form = new ScriviForm("Giulia Bianchi", "giulia@example.org", "333 123 4567", null, "Buca", "Buca in via Padova",
                null, 45.49, 9.22, List.of(), true);
        assertEquals(1, IntakeProperties.refusedOrAcceptedIntact(() -> List.of(normalizer.normalize(form, "fuzz-submission-0002", Instant.now()))));
    }

    /** Found by the property: a NaN latitude reached the schema validator, which threw (a 500) instead of refusing it. */
    @Example
    void notANumberIsRefused() throws IOException {
        ScriviForm form = new ScriviForm("Giulia Bianchi", "giulia@example.org", null, null, "Buca", "Buca in via Padova",
                null, Double.NaN, 9.22, List.of(), true);
        assertEquals(0, IntakeProperties.refusedOrAcceptedIntact(() -> List.of(normalizer.normalize(form, "fuzz-submission-0003", Instant.now()))));
    }

    @Provide
    Arbitrary<ScriviForm> forms() {
        return Arbitraries.randomValue(random -> {
            boolean located = random.nextBoolean();
            return new ScriviForm(required(random, 200), "giulia@example.org", random.nextBoolean() ? null : HostileInput.text(random),
                    null, required(random, 200), required(random, 5000), optional(random, 500),
                    located ? coordinate(random) : null, located ? coordinate(random) : null,
                    List.of(new ScriviForm.AttachmentReference("https://scrivi.example.org/" + required(random, 100).replaceAll("\\s", ""),
                            optional(random, 255))),
                    true);
        });
    }

    private static String required(Random random, int maxLength) {
        String text = HostileInput.text(random);
        text = text.length() > maxLength ? text.substring(0, maxLength) : text;
        return text.isBlank() ? "x" + text : text;
    }

    private static String optional(Random random, int maxLength) {
        return random.nextInt(4) == 0 ? null : required(random, maxLength);
    }

    private static Double coordinate(Random random) {
        try {
            return Double.valueOf(HostileInput.numberToken(random));
        } catch (NumberFormatException e) {
            return random.nextDouble() * 90;
        }
    }
}
