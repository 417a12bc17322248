package dev.obsaga.bench;

import java.util.List;
import java.util.Map;

/** CPU ticks used per group over {@code seconds} of wall-clock time. */
public record CpuWindow(double seconds, Map<String, Long> ticks) {

    /** Linux reports /proc times in USER_HZ, 100 on every kernel configuration this runs on. */
    public static final double TICKS_PER_SECOND = 100.0;

    public long ticks(String key) {
        return ticks.getOrDefault(key, 0L);
    }

    public long sum(List<String> keys) {
        return keys.stream().mapToLong(this::ticks).sum();
    }

    /** Milliseconds of CPU per unit of work (an order, a message). */
    public double msPer(String key, double units) {
        return msPer(ticks(key), units);
    }

    public static double msPer(long ticks, double units) {
        return units <= 0 ? Double.NaN : ticks * 1000.0 / TICKS_PER_SECOND / units;
    }

    /** Share of the machine's cores, in %, over the window. */
    public double percentOfMachine(long ticks, int cores) {
        return seconds <= 0 ? Double.NaN : 100.0 * ticks / TICKS_PER_SECOND / seconds / cores;
    }
}
