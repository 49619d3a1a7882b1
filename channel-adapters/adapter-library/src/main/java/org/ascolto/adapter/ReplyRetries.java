package org.ascolto.adapter;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How often a reply the provider refuses for now (or does not answer) is tried again, with doubling pauses, and when a
 * send cut short counts as failed.
 */
public interface ReplyRetries {

    /** Attempts at one send before the reply is recorded failed. */
    @WithDefault("6")
    int attempts();

    /** Pause before the second attempt; it doubles at each attempt, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    @WithDefault("1m")
    Duration maxBackoff();

    /**
     * A reply claimed longer ago than this and still unanswered was cut short (its instance stopped mid-send): it is
     * marked failed, and told so, rather than left sending, and not sent again (the provider may have received it).
     * Longer than every attempt and pause of two sends.
     */
    @WithDefault("10m")
    Duration abandonedAfter();

    /** How often replies are checked for {@link #abandonedAfter()} (the scheduler reads it). */
    @WithDefault("1m")
    String abandonedCheck();
}
