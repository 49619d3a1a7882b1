package org.ascolto.localinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, in a test, for what the platform does in its own time: asks again every 200 ms, fails after the patience. */
public final class Eventually {

    private static final Duration EVERY = Duration.ofMillis(200);

    private Eventually() {
    }

    /** The first value {@code probe} gives that is not null; an {@link AssertionError} when none comes within {@code patience}. */
    public static <T> T value(Duration patience, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            pause(EVERY);
        }
        throw new AssertionError("not within " + patience);
    }

    /** Returns once {@code done} holds; an {@link AssertionError} when it does not within {@code patience}. */
    public static void until(Duration patience, BooleanSupplier done) {
        value(patience, () -> done.getAsBoolean() ? Boolean.TRUE : null);
    }

    public static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
