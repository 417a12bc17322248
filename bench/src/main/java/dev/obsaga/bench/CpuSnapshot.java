package dev.obsaga.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cumulative CPU ticks of every watched group at one moment. Keys: a service ({@code orders}), a service's thread
 * group ({@code orders/JIT C1}), {@code RabbitMQ}, {@code PostgreSQL}, {@code load-gen}, {@code machine}.
 */
public record CpuSnapshot(long nanos, Map<String, Long> ticks) {

    public CpuSnapshot {
        ticks = Map.copyOf(ticks);
    }

    public long ticks(String key) {
        return ticks.getOrDefault(key, 0L);
    }

    /** What was used between {@code earlier} and this snapshot; a group missing from either counts as 0. */
    public CpuWindow since(CpuSnapshot earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (var e : ticks.entrySet()) {
            delta.put(e.getKey(), Math.max(0, e.getValue() - earlier.ticks(e.getKey())));
        }
        return new CpuWindow((nanos - earlier.nanos) / 1e9, delta);
    }
}
