package org.ascolto.support.retry;

import java.time.Duration;

/** The pauses between the attempts of one thing tried again: each twice the one before, up to the longest. */
public final class DoublingPauses {

    private final Duration longest;
    private Duration next;

    public DoublingPauses(Duration first, Duration longest) {
        this.next = first;
        this.longest = longest;
    }

    /** The pause {@link #await()} waits next. */
    public Duration next() {
        return next;
    }

    /** Waits before the next attempt. */
    public void await() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts", e);
        }
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
