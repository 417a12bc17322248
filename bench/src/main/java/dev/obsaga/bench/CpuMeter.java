package dev.obsaga.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Takes {@link CpuSnapshot}s of the services (with their thread groups), of process trees (RabbitMQ, PostgreSQL,
 * load-gen, PerfTest...) and of the whole machine. A tree counts its reaped children, so the CPU of a PostgreSQL
 * backend that ended inside the window is not lost.
 */
public final class CpuMeter {

    private final ProcFs proc;
    private final Map<String, Long> services = new LinkedHashMap<>();
    private final Map<String, List<Long>> trees = new LinkedHashMap<>();

    public CpuMeter(ProcFs proc) {
        this.proc = proc;
    }

    public CpuMeter service(String name, long pid) {
        services.put(name, pid);
        return this;
    }

    public CpuMeter tree(String name, List<Long> roots) {
        trees.put(name, List.copyOf(roots));
        return this;
    }

    public CpuMeter forget(String name) {
        services.remove(name);
        trees.remove(name);
        return this;
    }

    public CpuSnapshot snapshot() {
        Map<Long, ProcStat> all = proc.processes();
        Map<String, Long> ticks = new HashMap<>();
        services.forEach((name, pid) -> addService(ticks, name, pid, all.get(pid)));
        trees.forEach((name, roots) -> ticks.put(name, treeTicks(all, roots)));
        ticks.put("machine", proc.machineBusyTicks());
        return new CpuSnapshot(System.nanoTime(), ticks);
    }

    /** The process's own time, and each live thread's as {@code service/group/tid} (see {@link CpuSnapshot#since}). */
    private void addService(Map<String, Long> ticks, String name, long pid, ProcStat process) {
        if (process == null) {
            return;
        }
        ticks.put(name, process.ownTicks());
        for (ProcStat thread : proc.threads(pid)) {
            ticks.put(name + "/" + ThreadGroups.of(thread.comm()) + "/" + thread.pid(), thread.ownTicks());
        }
    }

    /** CPU of the roots and all their descendants, reaped children included. */
    static long treeTicks(Map<Long, ProcStat> all, List<Long> roots) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        for (ProcStat p : all.values()) {
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        long sum = 0;
        Deque<ProcStat> todo = new ArrayDeque<>();
        roots.stream().map(all::get).filter(Objects::nonNull).forEach(todo::add);
        while (!todo.isEmpty()) {
            ProcStat p = todo.pop();
            sum += p.totalTicks();
            todo.addAll(children.getOrDefault(p.pid(), List.of()));
        }
        return sum;
    }
}
