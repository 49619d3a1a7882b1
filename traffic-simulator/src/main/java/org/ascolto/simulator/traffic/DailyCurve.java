package org.ascolto.simulator.traffic;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * When Milan's citizens get in touch, hour by hour over a week: the contact center 020202 answers
 * Monday to Saturday 8–20 with a morning peak and a lunch dip; digital channels run day and night.
 */
public final class DailyCurve {

    private static final double[] CONTACT_CENTER_HOURS = {
            0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1.0, 1.15, 1.1, 0.9, 0.7, 0.9, 1.0, 0.95, 0.8, 0.6, 0.4, 0, 0, 0, 0};
    private static final double[] DIGITAL_HOURS = {
            0.15, 0.1, 0.05, 0.05, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 1.0, 1.0, 0.9, 0.8, 0.9, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.6, 0.4, 0.25};
    private static final double WEEKS_PER_YEAR = 365.0 / 7;
    private static final Map<Channel, Double> WEEKLY_WEIGHT = new EnumMap<>(Channel.class);

    static {
        ZonedDateTime monday = ZonedDateTime.parse("2025-01-06T00:00:00+01:00[Europe/Rome]");
        for (Channel channel : Channel.values()) {
            double sum = 0;
            for (int hour = 0; hour < 7 * 24; hour++) {
                sum += weight(channel, monday.plusHours(hour));
            }
            WEEKLY_WEIGHT.put(channel, sum);
        }
    }

    private DailyCurve() {
    }

    /** Relative volume of a channel at a moment (1.0 = a busy weekday hour). */
    public static double weight(Channel channel, ZonedDateTime at) {
        DayOfWeek day = at.getDayOfWeek();
        int hour = at.getHour();
        if (channel == Channel.PHONE) {
            double dayFactor = switch (day) {
                case SUNDAY -> 0;
                case SATURDAY -> 0.4;
                default -> 1;
            };
            return CONTACT_CENTER_HOURS[hour] * dayFactor;
        }
        double dayFactor = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0.6 : 1;
        return DIGITAL_HOURS[hour] * dayFactor;
    }

    /** Contacts per second on a channel at a moment, so that a year adds up to the channel's yearly volume. */
    public static double perSecond(Channel channel, ZonedDateTime at) {
        return channel.perYear * weight(channel, at) / (WEEKLY_WEIGHT.get(channel) * WEEKS_PER_YEAR * 3600);
    }
}
