package dev.obsaga.bench;

/**
 * Names the group of a JVM thread from its {@code comm} (the thread name, cut to 15 characters by Linux), so that
 * CPU can be split into the work itself (event loops, workers) and the JVM's own (JIT, GC).
 */
public final class ThreadGroups {

    public static final String EVENT_LOOPS = "event loops";
    public static final String WORKERS = "worker threads";
    public static final String C1 = "JIT C1";
    public static final String C2 = "JIT C2";
    public static final String GC = "GC";
    public static final String VM = "VM thread";
    public static final String OTEL = "OTel span export";
    public static final String OTHER = "other threads";
    /** Threads that ended inside a window: their CPU is known only as the rest of the process's. */
    public static final String ENDED = "ended threads";

    private ThreadGroups() {
    }

    public static String of(String comm) {
        if (comm.startsWith("vert.x-eventloo")) {
            return EVENT_LOOPS;
        }
        if (comm.startsWith("executor-thread") || comm.startsWith("vert.x-worker")) {
            return WORKERS;
        }
        if (comm.startsWith("C1 CompilerThre")) {
            return C1;
        }
        if (comm.startsWith("C2 CompilerThre")) {
            return C2;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("GC ")) {
            return GC;
        }
        if (comm.startsWith("BatchSpanProces") || comm.startsWith("OkHttp")) {
            return OTEL;
        }
        // With -XX:+UseSerialGC the collections run in the VM thread, with the safepoint operations.
        if (comm.equals("VM Thread")) {
            return VM;
        }
        return OTHER;
    }

    public static boolean isCompiler(String group) {
        return group.equals(C1) || group.equals(C2);
    }
}
