package org.ascolto.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static Arguments parse(String... args) {
        return new Arguments(args, Set.of("--storm"));
    }

    @Test
    void readsRatesDurationsFlagsAndWords() {
        Arguments arguments = parse("20000", "--rate", "3000/min", "--storm", "--duration", "2m");

        assertEquals(List.of("20000"), arguments.positional());
        assertEquals(50, arguments.rate("--rate", 0));
        assertTrue(arguments.flag("--storm"));
        assertEquals(Duration.ofMinutes(2), arguments.duration("--duration", Duration.ZERO));
        assertEquals(7, arguments.count("--seed", 7));
    }

    @Test
    void aRateIsPerSecondUnlessSaidOtherwise() {
        assertEquals(50, parse("--rate", "50/s").rate("--rate", 0));
        assertEquals(50, parse("--rate", "50").rate("--rate", 0));
        assertEquals(2, parse("--rate", "7200/h").rate("--rate", 0));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> parse("--rate", "50/day").rate("--rate", 0));
        assertThrows(IllegalArgumentException.class, () -> parse("--duration", "5d").duration("--duration", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> parse("--rate"));
    }
}
