package dev.obsaga.faulttests;

import java.time.Duration;
import java.time.Instant;

/**
 * The length of a fault is part of the scenario ("the broker is gone for 10 s"), not a condition to wait for:
 * this keeps a fault on for its planned time. Everything the test expects to happen is awaited instead.
 */
final class FaultClock {

    private FaultClock() {
    }

    static void holdUntil(Instant end) {
        long millis = Duration.between(Instant.now(), end).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault phase", e);
        }
    }
}
