package dev.obsaga.loadgen;

/** Exit status of the CLI (and {@link Report#exitCode()}). When several apply, the highest-priority one wins. */
public final class ExitCodes {

    /** Run passed: no threshold broken, no order lost. */
    public static final int OK = 0;
    /** A threshold broke: {@code --max-error-rate}, {@code --max-p99}, or a 5xx in the {@code invalid} scenario. */
    public static final int THRESHOLD_BROKEN = 1;
    /** An accepted order did not reach a final state before {@code --saga-deadline} (wins over 1). */
    public static final int LOST_ORDERS = 2;
    /** Bad command line. */
    public static final int USAGE = 3;
    /** Set-up failed: customers not registered, fault API unreachable, fault not applied or not reset (wins); also a crash. */
    public static final int SETUP_FAILED = 4;

    private ExitCodes() {
    }
}
