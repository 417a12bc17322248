package dev.obsaga.commons.inbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Whether the consumers still take messages, and how many are being handled: what a graceful shutdown needs. */
@ApplicationScoped
public class ConsumerGate {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean closed;

    /** From now on every delivered message goes back to its queue untouched. */
    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Counts the handling as under way until it ends, however it ends. */
    <T> Uni<T> track(Uni<T> handling) {
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            return handling.onTermination().invoke(this::finished);
        });
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no message is being handled, at most {@code timeout}; false when some still were. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }
}
