package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    /** HdrHistogram with 3 significant digits: a reported value is within 0.1 % of the recorded one. */
    private static void assertWithinPrecision(double expected, double actual, String what) {
        assertEquals(expected, actual, expected * 0.001 + 0.001, what);
    }

    @Test
    void percentilesOfOneToThousandMilliseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        LatencySummary s = histogram.summary();
        assertEquals(1000, s.count());
        assertWithinPrecision(500, s.p50Ms(), "p50");
        assertWithinPrecision(900, s.p90Ms(), "p90");
        assertWithinPrecision(990, s.p99Ms(), "p99");
        assertWithinPrecision(999, s.p999Ms(), "p99.9");
        assertWithinPrecision(1000, s.maxMs(), "max");
        assertWithinPrecision(500.5, s.meanMs(), "mean");
    }

    @Test
    void aFewSlowRequestsShowOnlyInTheHighPercentiles() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 990; i++) {
            histogram.recordNanos(TimeUnit.MICROSECONDS.toNanos(2_000));
        }
        for (int i = 0; i < 10; i++) {
            histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(750));
        }
        LatencySummary s = histogram.summary();
        assertWithinPrecision(2, s.p50Ms(), "p50");
        assertWithinPrecision(2, s.p90Ms(), "p90");
        assertWithinPrecision(2, s.p99Ms(), "p99: exactly 99 % are fast");
        assertWithinPrecision(750, s.p999Ms(), "p99.9");
        assertWithinPrecision(750, s.maxMs(), "max");
    }

    @Test
    void summariesAccumulateAcrossReadsAndClampOutOfRangeValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertEquals(LatencySummary.EMPTY, histogram.summary());
        histogram.recordNanos(0);
        assertEquals(1, histogram.summary().count());
        histogram.recordNanos(TimeUnit.HOURS.toNanos(2));
        LatencySummary s = histogram.summary();
        assertEquals(2, s.count(), "reading harvests, it does not reset");
        assertWithinPrecision(0.001, s.p50Ms(), "0 ns is recorded as 1 µs");
        assertWithinPrecision(TimeUnit.HOURS.toMillis(1), s.maxMs(), "clamped to the 1 h range");
    }

    @Test
    void recordsConcurrently() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram();
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            writers[t] = new Thread(() -> {
                for (int i = 0; i < 25_000; i++) {
                    histogram.recordNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    if (i % 1000 == 0) {
                        histogram.summary();
                    }
                }
            });
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        LatencySummary s = histogram.summary();
        assertEquals(100_000, s.count());
        assertWithinPrecision(10, s.p99Ms(), "p99");
    }
}
