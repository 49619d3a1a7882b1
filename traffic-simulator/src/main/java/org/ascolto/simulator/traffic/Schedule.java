package org.ascolto.simulator.traffic;

import java.time.Duration;
import java.util.Map;

/** How much traffic to send over time, and on which channels. */
public interface Schedule {

    /** Contacts per real second at this point of the run. */
    double ratePerSecond(Duration elapsed);

    /** Relative share of each channel at this point of the run. */
    Map<Channel, Double> mix(Duration elapsed);

    Duration length();

    /** What the progress line says about this point of the run (the simulated clock, the storm). */
    String describe(Duration elapsed);

    /** Milan's yearly channel mix. */
    static Map<Channel, Double> milanMix() {
        Map<Channel, Double> mix = new java.util.EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            mix.put(channel, channel.share());
        }
        return mix;
    }
}
