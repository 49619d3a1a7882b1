package org.ascolto.simulator.traffic;

import java.util.Arrays;

import org.ascolto.contracts.Channels;

/** The channels a citizen of Milan uses, with their yearly volumes from the brief. */
public enum Channel {
    PHONE(Channels.PHONE, 1_100_000),
    WEB(Channels.WEB, 135_000),
    WHATSAPP(Channels.WHATSAPP, 55_000),
    FACEBOOK(Channels.FACEBOOK, 2_750),
    INSTAGRAM(Channels.INSTAGRAM, 2_750),
    /** Not among the brief's figures: an estimate of the mail the city's URP mailboxes answer in a year. */
    EMAIL(Channels.EMAIL, 20_000);

    /** The channel's name in the contract and in the routing corpus. */
    public final String id;
    public final long perYear;

    Channel(String id, long perYear) {
        this.id = id;
        this.perYear = perYear;
    }

    public static long perYearTotal() {
        return Arrays.stream(values()).mapToLong(channel -> channel.perYear).sum();
    }

    /** The channel's share of the year's contacts, as in Milan. */
    public double share() {
        return (double) perYear / perYearTotal();
    }
}
