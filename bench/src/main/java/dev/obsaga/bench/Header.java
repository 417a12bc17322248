package dev.obsaga.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What a reader needs to compare two runs: machine, load on it, JVM, commit. */
final class Header {

    private Header() {
    }

    static void print(PrintStream out, BenchSettings s, int cores) {
        out.println("=".repeat(110));
        out.printf(" obsaga benchmark (%s), %s: %d cores, %s, load average %s%n", s.mode(),
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), cores, memory(),
                loadAverage());
        out.printf(" services: %s %s%s; pool %d; raw outputs %s%n", javaVersion(s.java()),
                String.join(" ", s.jvmOptions()), s.aotCache() ? " + AOT cache (trained by this run)" : "",
                s.dbPool(), s.out());
        out.printf(" commit %s%n", commit(s.root()));
        out.println("=".repeat(110));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String memory() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1048576.0) + " GiB";
        } catch (IOException | RuntimeException e) {
            return "? GiB";
        }
    }

    private static String javaVersion(String java) {
        try {
            return Shell.run(List.of(java, "-version")).lines().findFirst().orElse(java);
        } catch (RuntimeException e) {
            return java;
        }
    }

    private static String commit(Path root) {
        try {
            return Shell.run(List.of("git", "-C", root.toString(), "describe", "--always", "--dirty")).strip();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
