package org.ascolto.open311.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ascolto.conformance.IntakeProperties;
import org.ascolto.localinfra.HostileInput;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Open311 forms whose fields are hostile text or numbers; InvalidRequestException is the resource's 400. */
class RequestNormalizerProperties {

    private static final Map<String, String> SAMPLE = Map.of("service_code", "mobility", "lat", "45.4781", "long", "9.2252",
            "email", "anna.verdi@example.org", "first_name", "Anna", "last_name", "Verdi", "address_string", "viale Monza 1",
            "description", "Semaforo spento all'incrocio di viale Monza", "media_url", "https://example.org/a.jpg",
            "phone", "+390288451234");

    private final RequestNormalizer normalizer = new RequestNormalizer(IntakeProperties.taxonomy(), IntakeProperties.citizenKeys(),
            IntakeProperties.adapterConfig());

    @Property(tries = 100)
    void hostileRequestsAreRefusedOrAcceptedIntact(@ForAll("forms") Map<String, String> form) throws IOException {
        IntakeProperties.refusedOrAcceptedIntact(() -> intake(form));
    }

    @Example
    void theSampleIsAccepted() throws IOException {
        assertEquals(1, IntakeProperties.refusedOrAcceptedIntact(() -> intake(SAMPLE)));
    }

    /** Found by the property: Java reads "NaN" as a double, and the schema validator threw on it (a 500). */
    @Example
    void notANumberIsNoCoordinate() throws IOException {
        Map<String, String> form = new LinkedHashMap<>(SAMPLE);
        form.put("lat", "NaN");
        assertEquals(0, IntakeProperties.refusedOrAcceptedIntact(() -> intake(form)));
    }

    private List<org.ascolto.contracts.CitizenContact> intake(Map<String, String> form) {
        try {
            return List.of(normalizer.contact(form, "fuzz-request-0001", Instant.now()));
        } catch (InvalidRequestException refused) {
            return List.of();
        }
    }

    @Provide
    Arbitrary<Map<String, String>> forms() {
        return Arbitraries.randomValue(random -> {
            Map<String, String> form = new LinkedHashMap<>(SAMPLE);
            form.replaceAll((field, value) -> switch (random.nextInt(6)) {
                case 0 -> HostileInput.text(random);
                case 1 -> value + HostileInput.text(random);
                case 2 -> HostileInput.numberToken(random);
                default -> value;
            });
            if (random.nextInt(5) == 0) {
                form.remove(List.copyOf(form.keySet()).get(random.nextInt(form.size())));
            }
            return form;
        });
    }
}
