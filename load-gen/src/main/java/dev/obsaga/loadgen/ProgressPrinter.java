package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second, one line on stderr: elapsed time, phase, rate achieved in the last second, answers so far
 * (2xx / 4xx / 5xx / transport errors / dropped), requests in flight, placement and saga p50/p99 (from the
 * intended start), sagas pending and lost. During the warm-up the line shows the warm-up's own numbers.
 */
public final class ProgressPrinter {

    private final PrintStream out;
    private final long loadStart;
    private final long warmupNanos;
    private final LoadStats measured;
    private final LoadStats warm;
    private final OpenLoopDriver driver;
    private final SagaTracker tracker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-gen-progress");
        t.setDaemon(true);
        return t;
    });
    private long lastSent;

    ProgressPrinter(PrintStream out, long loadStart, long warmupNanos, LoadStats measured, LoadStats warm,
            OpenLoopDriver driver, SagaTracker tracker) {
        this.out = out;
        this.loadStart = loadStart;
        this.warmupNanos = warmupNanos;
        this.measured = measured;
        this.warm = warm;
        this.driver = driver;
        this.tracker = tracker;
    }

    ProgressPrinter start() {
        long delay = Math.max(0, loadStart - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1);
        timer.scheduleAtFixedRate(this::print, delay, TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        return this;
    }

    void print() {
        long elapsed = System.nanoTime() - loadStart;
        boolean warming = elapsed < warmupNanos;
        String phase = warming ? "warm-up" : driver.issued() < driver.plannedCount() ? "load" : "drain";
        LoadStats s = warming ? warm : measured;
        long sent = warm.sent.sum() + measured.sent.sum();
        long rate = sent - lastSent;
        lastSent = sent;
        LatencySummary placement = s.placement.summary();
        LatencySummary saga = s.saga.summary();
        out.println(String.format(Locale.ROOT,
                "[%5.0fs %-7s] %5d req/s | 2xx %d 4xx %d 5xx %d err %d drop %d | in flight %d"
                        + " | placement p50 %.1f p99 %.1f ms | saga p50 %.1f p99 %.1f ms | pending %d lost %d",
                elapsed / 1e9, phase, rate, s.ok2xx.sum(), s.clientErrors.sum(), s.serverErrors.sum(),
                s.transportErrors.sum(), s.dropped.sum(), driver.inFlight(), placement.p50Ms(), placement.p99Ms(),
                saga.p50Ms(), saga.p99Ms(), tracker.pending(), warm.lost.sum() + measured.lost.sum()));
    }

    void stop() {
        timer.shutdownNow();
    }
}
