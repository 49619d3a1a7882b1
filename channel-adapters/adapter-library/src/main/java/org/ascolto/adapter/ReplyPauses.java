package org.ascolto.adapter;

import java.time.Duration;

/** The pauses between the attempts of one reply's send: each twice the one before, up to the longest. */
public final class ReplyPauses {

    private final Duration longest;
    private Duration next;

    public ReplyPauses(ReplyRetries retries) {
        this.next = retries.backoff();
        this.longest = retries.maxBackoff();
    }

    /** Waits before the next attempt. */
    public void await() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a reply again", e);
        }
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
