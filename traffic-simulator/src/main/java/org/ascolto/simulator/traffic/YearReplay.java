package org.ascolto.simulator.traffic;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A whole year of Milan's volume (about 1.3 million contacts) with the contact center's daily curve,
 * played {@code speed} times faster than real time: {@code --replay-year --speed N}.
 */
public record YearReplay(double speed, ZonedDateTime start, Duration length) implements Schedule {

    private static final Duration YEAR = Duration.ofDays(365);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ITALY);

    public YearReplay(double speed) {
        this(speed, ZonedDateTime.parse("2025-01-01T00:00:00+01:00[Europe/Rome]"),
                Duration.ofNanos((long) (YEAR.toNanos() / speed)));
    }

    /** The same replay, stopped after {@code length} of real time. */
    public YearReplay stoppingAfter(Duration length) {
        return new YearReplay(speed, start, length);
    }

    public ZonedDateTime simulatedAt(Duration elapsed) {
        return start.plusNanos((long) (elapsed.toNanos() * speed));
    }

    @Override
    public double ratePerSecond(Duration elapsed) {
        ZonedDateTime at = simulatedAt(elapsed);
        double perSimulatedSecond = 0;
        for (Channel channel : Channel.values()) {
            perSimulatedSecond += DailyCurve.perSecond(channel, at);
        }
        return perSimulatedSecond * speed;
    }

    @Override
    public Map<Channel, Double> mix(Duration elapsed) {
        ZonedDateTime at = simulatedAt(elapsed);
        Map<Channel, Double> mix = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            mix.put(channel, DailyCurve.perSecond(channel, at));
        }
        return mix;
    }

    @Override
    public String describe(Duration elapsed) {
        return "Milano " + CLOCK.format(simulatedAt(elapsed));
    }
}
