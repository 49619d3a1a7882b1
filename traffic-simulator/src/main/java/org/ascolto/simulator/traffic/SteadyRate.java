package org.ascolto.simulator.traffic;

import java.time.Duration;
import java.util.Map;

/** A constant rate with Milan's channel mix: {@code --rate 50/s}; an infinite rate sends as fast as the platform accepts. */
public record SteadyRate(double perSecond, Duration length) implements Schedule {

    @Override
    public double ratePerSecond(Duration elapsed) {
        return perSecond;
    }

    @Override
    public Map<Channel, Double> mix(Duration elapsed) {
        return Schedule.milanMix();
    }

    @Override
    public String describe(Duration elapsed) {
        return Double.isInfinite(perSecond) ? "as fast as accepted" : String.format("steady %.0f/s", perSecond);
    }
}
