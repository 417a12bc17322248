package dev.obsaga.bench;

/**
 * One line of {@code /proc/<pid>/stat} (or {@code /proc/<pid>/task/<tid>/stat}): the fields the benchmark needs.
 * Times are in clock ticks. {@code childTicks} is the CPU of children that exited and were reaped: PostgreSQL's
 * backends come and go, and their CPU lands in the postmaster's children time when they end.
 */
public record ProcStat(long pid, String comm, long ppid, long ownTicks, long childTicks) {

    /**
     * Parses a stat line. The command name is in parentheses and may itself hold spaces and parentheses, so the
     * fields are counted from the last ')'.
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).strip());
        String comm = line.substring(open + 1, close);
        // After ")": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); index 0 here is field 3.
        String[] f = line.substring(close + 1).strip().split("\\s+");
        if (f.length < 15) {
            throw new IllegalArgumentException("short /proc stat line: " + line);
        }
        long ppid = Long.parseLong(f[1]);
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new ProcStat(pid, comm, ppid, own, children);
    }

    /** All CPU this process and its reaped children ever used. */
    public long totalTicks() {
        return ownTicks + childTicks;
    }
}
