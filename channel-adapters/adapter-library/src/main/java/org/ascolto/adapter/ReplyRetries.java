package org.ascolto.adapter;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How often a reply the provider refuses for now (or does not answer) is tried again, with doubling pauses. */
public interface ReplyRetries {

    /** Attempts at one send before the reply is recorded failed. */
    @WithDefault("6")
    int attempts();

    /** Pause before the second attempt; it doubles at each attempt, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    @WithDefault("1m")
    Duration maxBackoff();
}
