package dev.obsaga.loadgen;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds (1 µs .. 1 h, 3 significant digits). Recording is wait-free from any thread
 * ({@link Recorder}); reading harvests the recorded interval into a cumulative histogram.
 */
public final class LatencyHistogram {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private Histogram interval;

    public void recordNanos(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000));
        recorder.recordValue(micros);
    }

    /** Copy of everything recorded so far. */
    public synchronized Histogram snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return total.copy();
    }

    public LatencySummary summary() {
        return LatencySummary.of(snapshot());
    }
}
