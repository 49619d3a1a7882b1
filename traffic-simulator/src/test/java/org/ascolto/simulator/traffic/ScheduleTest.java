package org.ascolto.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZonedDateTime TUESDAY_10 = ZonedDateTime.parse("2025-03-04T10:00:00+01:00[Europe/Rome]");

    @Test
    void aReplayedYearAddsUpToMilansVolume() {
        YearReplay year = new YearReplay(100_000);
        double contacts = 0;
        Duration step = Duration.ofMillis(100);
        for (Duration at = Duration.ZERO; at.compareTo(year.length()) < 0; at = at.plus(step)) {
            contacts += year.ratePerSecond(at) * step.toNanos() / 1e9;
        }
        assertEquals(Channel.perYearTotal(), contacts, Channel.perYearTotal() * 0.01);
        assertEquals(Duration.ofDays(365).dividedBy(100_000), year.length());
    }

    @Test
    void theContactCenterAnswersOnWorkingHoursOnly() {
        assertEquals(0, DailyCurve.perSecond(Channel.PHONE, TUESDAY_10.withHour(3)));
        assertEquals(0, DailyCurve.perSecond(Channel.PHONE, TUESDAY_10.withHour(21)));
        assertEquals(0, DailyCurve.perSecond(Channel.PHONE, TUESDAY_10.plusDays(5)), "Sunday");
        assertTrue(DailyCurve.perSecond(Channel.PHONE, TUESDAY_10) > DailyCurve.perSecond(Channel.PHONE, TUESDAY_10.withHour(19)));
        assertTrue(DailyCurve.perSecond(Channel.WHATSAPP, TUESDAY_10.withHour(3)) > 0, "WhatsApp answers at night");
    }

    @Test
    void aBusyWeekdayMorningIsSeveralTimesTheYearlyAverage() {
        double average = Channel.perYearTotal() / (365 * 86_400.0);
        double morning = new YearReplay(1, TUESDAY_10, Duration.ofHours(1)).ratePerSecond(Duration.ZERO);
        assertTrue(morning > 3 * average && morning < 6 * average, "morning " + morning + " average " + average);
    }

    @Test
    void aStormIsFourTimesNormalForTheMiddleHalf() {
        Storm storm = new Storm(50, Duration.ofSeconds(120));
        assertEquals(50, storm.ratePerSecond(Duration.ofSeconds(10)));
        assertEquals(200, storm.ratePerSecond(Duration.ofSeconds(30)));
        assertEquals(200, storm.ratePerSecond(Duration.ofSeconds(89)));
        assertEquals(50, storm.ratePerSecond(Duration.ofSeconds(90)));
    }
}
