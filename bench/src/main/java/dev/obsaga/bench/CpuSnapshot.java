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

    /**
     * What was used between {@code earlier} and this snapshot; a group missing from the earlier one counts from 0.
     * Threads ({@code service/group/tid}) are summed into their group. A thread that ended inside the window is
     * in neither its group nor any other: what the service used beyond its groups is {@code service/ended threads}.
     */
    public CpuWindow since(CpuSnapshot earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (var e : ticks.entrySet()) {
            String key = e.getKey();
            long used = Math.max(0, e.getValue() - earlier.ticks(key));
            int group = key.indexOf('/', key.indexOf('/') + 1);
            delta.merge(group > 0 ? key.substring(0, group) : key, used, Long::sum);
        }
        Map<String, Long> ended = new LinkedHashMap<>();
        for (var e : delta.entrySet()) {
            if (e.getKey().indexOf('/') < 0) {
                String prefix = e.getKey() + "/";
                long inGroups = delta.entrySet().stream().filter(g -> g.getKey().startsWith(prefix))
                        .mapToLong(Map.Entry::getValue).sum();
                if (inGroups > 0 && e.getValue() > inGroups) {
                    ended.put(prefix + ThreadGroups.ENDED, e.getValue() - inGroups);
                }
            }
        }
        delta.putAll(ended);
        return new CpuWindow((nanos - earlier.nanos) / 1e9, delta);
    }
}
