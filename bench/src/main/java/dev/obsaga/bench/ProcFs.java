package dev.obsaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads processes, threads and the machine's CPU from a /proc tree (a directory in tests). */
public final class ProcFs {

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** Every process's stat, by pid; processes that end while being read are left out. */
    public Map<Long, ProcStat> processes() {
        Map<Long, ProcStat> all = new HashMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(d -> read(d.resolve("stat")).ifPresent(s -> all.put(s.pid(), s)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
        return all;
    }

    /** The threads of one process (empty when it is gone). */
    public List<ProcStat> threads(long pid) {
        List<ProcStat> threads = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve(Long.toString(pid)).resolve("task"))) {
            dirs.forEach(d -> read(d.resolve("stat")).ifPresent(threads::add));
        } catch (IOException e) {
            return List.of();
        }
        return threads;
    }

    /** A field of /proc/<pid>/status in kB (VmHWM: the peak resident set; VmRSS: now), or 0. */
    public long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(root.resolve(pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Busy ticks of all cores together (user, nice, system, irq, softirq, steal), from /proc/stat. */
    public long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(root.resolve("stat")).get(0);
            String[] f = cpu.strip().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + root.resolve("stat"), e);
        }
    }

    public String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(root.resolve(pid + "/cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<ProcStat> read(Path stat) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(stat)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
