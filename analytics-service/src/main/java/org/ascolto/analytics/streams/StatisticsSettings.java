package org.ascolto.analytics.streams;

import java.time.Duration;
import java.time.ZoneId;

/** What the statistics depend on besides the records: lateness accepted, the city's clock, the journey period. */
public record StatisticsSettings(Duration grace, ZoneId zone, Duration journeyWindow) {

    /** How long a citizen's contacts are remembered: long enough for journeys and for recognizing any redelivery still counted. */
    Duration historyKept() {
        return journeyWindow.compareTo(grace) > 0 ? journeyWindow : grace;
    }
}
