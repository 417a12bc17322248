package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTests {

    @TempDir
    Path proc;

    @Test
    void aTreeCountsItsDescendantsAndTheChildrenItReapedButNotOthers() {
        Map<Long, ProcStat> all = Map.of(
                10L, new ProcStat(10, "postgres", 1, 100, 50),
                11L, new ProcStat(11, "postgres", 10, 20, 0),
                12L, new ProcStat(12, "postgres", 11, 5, 0),
                20L, new ProcStat(20, "java", 1, 999, 0));
        assertEquals(175, CpuMeter.treeTicks(all, List.of(10L)));
        assertEquals(0, CpuMeter.treeTicks(all, List.of(99L)));
    }

    @Test
    void aBackendThatEndsInsideTheWindowIsNotLost() {
        // before: postmaster 100 own, backend 40 own; after: the backend ended with 70, reaped into the postmaster
        long before = CpuMeter.treeTicks(Map.of(10L, new ProcStat(10, "postgres", 1, 100, 0),
                11L, new ProcStat(11, "postgres", 10, 40, 0)), List.of(10L));
        long after = CpuMeter.treeTicks(Map.of(10L, new ProcStat(10, "postgres", 1, 101, 70)), List.of(10L));
        assertEquals(31, after - before);
    }

    @Test
    void aServiceIsSplitIntoThreadGroupsAndThreadsThatEndedAreCountedApart() throws IOException {
        process(42, "java", 1, 520);
        thread(42, 42, "java", 10);
        thread(42, 43, "vert.x-eventloo", 300);
        thread(42, 44, "vert.x-eventloo", 100);
        thread(42, 45, "C1 CompilerThre", 60);
        thread(42, 46, "executor-thread", 50);
        Files.writeString(proc.resolve("stat"), "cpu  1000 0 200 5000 10 0 0 0 0 0\n");
        CpuMeter meter = new CpuMeter(new ProcFs(proc)).service("orders", 42);
        CpuSnapshot before = meter.snapshot();

        // the worker ends after 20 more ticks, a new event loop starts and uses 5
        deleteThread(42, 46);
        process(42, "java", 1, 10 + 350 + 120 + 60 + 70 + 5);
        thread(42, 43, "vert.x-eventloo", 350);
        thread(42, 44, "vert.x-eventloo", 120);
        thread(42, 47, "vert.x-eventloo", 5);
        Files.writeString(proc.resolve("stat"), "cpu  1090 0 210 5100 10 0 0 0 0 0\n");
        CpuWindow w = meter.snapshot().since(before);

        assertEquals(95, w.ticks("orders"));
        assertEquals(75, w.ticks("orders/" + ThreadGroups.EVENT_LOOPS));
        assertEquals(0, w.ticks("orders/" + ThreadGroups.C1));
        assertEquals(0, w.ticks("orders/" + ThreadGroups.WORKERS));
        assertEquals(20, w.ticks("orders/" + ThreadGroups.ENDED));
        assertEquals(100, w.ticks("machine"));
    }

    private void deleteThread(long pid, long tid) throws IOException {
        Files.delete(proc.resolve(pid + "/task/" + tid + "/stat"));
        Files.delete(proc.resolve(pid + "/task/" + tid));
    }

    @Test
    void aWindowIsTheDifferenceAndConvertsTicksToMillisecondsPerOrder() {
        CpuSnapshot a = new CpuSnapshot(0, Map.of("orders", 100L, "RabbitMQ", 10L));
        CpuSnapshot b = new CpuSnapshot(2_000_000_000L, Map.of("orders", 400L, "RabbitMQ", 30L, "load-gen", 5L));
        CpuWindow w = b.since(a);
        assertEquals(2.0, w.seconds(), 1e-9);
        assertEquals(300, w.ticks("orders"));
        assertEquals(5, w.ticks("load-gen"));
        // 300 ticks = 3 s of CPU over 1000 orders = 3 ms each; 3 s in 2 s on 2 cores = 75 %
        assertEquals(3.0, w.msPer("orders", 1000), 1e-9);
        assertEquals(75.0, w.percentOfMachine(300, 2), 1e-9);
        assertEquals(Double.NaN, w.msPer("orders", 0));
    }

    private void process(long pid, String comm, long ppid, long ticks) throws IOException {
        Files.createDirectories(proc.resolve(pid + "/task"));
        Files.writeString(proc.resolve(pid + "/stat"), stat(pid, comm, ppid, ticks));
    }

    private void thread(long pid, long tid, String comm, long ticks) throws IOException {
        Files.createDirectories(proc.resolve(pid + "/task/" + tid));
        Files.writeString(proc.resolve(pid + "/task/" + tid + "/stat"), stat(tid, comm, pid, ticks));
    }

    private static String stat(long pid, String comm, long ppid, long ticks) {
        return pid + " (" + comm + ") S " + ppid + " 1 1 0 -1 0 0 0 0 0 " + ticks + " 0 0 0 20 0 1 0 1 1 1\n";
    }
}
