package dev.obsaga.loadgen;

/**
 * Intended start times of an open-model load: a constant arrival rate, optionally reached by a linear ramp.
 * <p>
 * Without a ramp request {@code i} is due at {@code i / rate} seconds after the start. With a ramp of {@code R}
 * seconds the rate grows linearly from 0 to {@code rate}, so the number of requests due by time {@code t < R} is
 * {@code rate * t^2 / (2R)}: request {@code i} is due at {@code sqrt(2 R i / rate)} during the ramp and at
 * {@code R/2 + i/rate} after it. The times depend on nothing but {@code i}: never on how long earlier requests took.
 *
 * @param ratePerSecond target arrival rate (requests per second), &gt; 0
 * @param rampNanos     ramp-up time to the target rate, &gt;= 0
 * @param totalNanos    length of the schedule (warm-up included); requests due at or after it are not issued
 */
public record Schedule(double ratePerSecond, long rampNanos, long totalNanos) {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    public Schedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be > 0: " + ratePerSecond);
        }
        if (rampNanos < 0 || totalNanos < 0) {
            throw new IllegalArgumentException("ramp and duration must be >= 0");
        }
    }

    public static Schedule constant(double ratePerSecond, long totalNanos) {
        return new Schedule(ratePerSecond, 0, totalNanos);
    }

    /** Offset of request {@code i} (0-based) from the start of the schedule, in nanoseconds. */
    public long offsetNanos(long i) {
        if (i < 0) {
            throw new IllegalArgumentException("i must be >= 0");
        }
        if (rampNanos == 0) {
            return Math.round(i * NANOS_PER_SECOND / ratePerSecond);
        }
        double rampSeconds = rampNanos / NANOS_PER_SECOND;
        double inRamp = ratePerSecond * rampSeconds / 2;
        double seconds = i < inRamp
                ? Math.sqrt(2 * rampSeconds * i / ratePerSecond)
                : rampSeconds / 2 + i / ratePerSecond;
        return Math.round(seconds * NANOS_PER_SECOND);
    }

    /** Number of requests due strictly before {@link #totalNanos()}. */
    public long count() {
        double t = totalNanos / NANOS_PER_SECOND;
        double r = rampNanos / NANOS_PER_SECOND;
        double estimate = rampNanos == 0 || t >= r
                ? ratePerSecond * (t - r / 2)
                : ratePerSecond * t * t / (2 * r);
        long n = Math.max(0, (long) Math.floor(estimate) - 2);
        while (offsetNanos(n) < totalNanos) {
            n++;
        }
        while (n > 0 && offsetNanos(n - 1) >= totalNanos) {
            n--;
        }
        return n;
    }
}
