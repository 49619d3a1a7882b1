package org.ascolto.simulator.traffic;

import java.time.Duration;
import java.util.Map;

/** A storm: normal traffic, then 4× for the middle half of the run, then normal again: {@code --storm}. */
public record Storm(double normalPerSecond, Duration length) implements Schedule {

    static final double FACTOR = 4;

    public boolean raging(Duration elapsed) {
        return elapsed.compareTo(length.dividedBy(4)) >= 0 && elapsed.compareTo(length.dividedBy(4).multipliedBy(3)) < 0;
    }

    @Override
    public double ratePerSecond(Duration elapsed) {
        return raging(elapsed) ? normalPerSecond * FACTOR : normalPerSecond;
    }

    @Override
    public Map<Channel, Double> mix(Duration elapsed) {
        return Schedule.milanMix();
    }

    @Override
    public String describe(Duration elapsed) {
        return raging(elapsed) ? String.format("STORM %.0f/s (4x)", normalPerSecond * FACTOR)
                : String.format("normal %.0f/s", normalPerSecond);
    }
}
