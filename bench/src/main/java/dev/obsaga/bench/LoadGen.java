package dev.obsaga.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.obsaga.loadgen.Report;
import dev.obsaga.loadgen.ReportJson;
import dev.obsaga.testsupport.TestCredentials;

/**
 * One load-gen run as a process (its packaged command-mode jar), its output copied to a file. {@link #started()}
 * completes when load-gen says its load begins (after registering customers), so measurement windows line up
 * with load-gen's own warm-up and measured part.
 */
public final class LoadGen implements AutoCloseable {

    /** What to run: scenario, rate, measured seconds, seconds of warm-up before them, telemetry on the requests. */
    public record Spec(String scenario, double rate, int seconds, int warmupSeconds, boolean traceparent) {
    }

    private final Process process;
    private final Path report;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private LoadGen(Process process, Path report, Path output) {
        this.process = process;
        this.report = report;
        Thread copier = new Thread(() -> copy(output), "load-gen-output");
        copier.setDaemon(true);
        copier.start();
    }

    public static LoadGen start(ServiceSet services, Spec spec, Path report, Path output) {
        BenchSettings s = services.settings();
        List<String> command = new ArrayList<>();
        command.add(s.java());
        command.addAll(s.loadGenJvm());
        command.addAll(List.of("-jar", s.root().resolve("bench/target/apps/load-gen/quarkus-run.jar").toString(),
                "--scenario", spec.scenario(), "--rate", num(spec.rate()), "--duration", spec.seconds() + "s",
                "--warmup", spec.warmupSeconds() + "s", "--traceparent=" + (spec.traceparent() ? "on" : "off"),
                "--customers", "20", "--seed", "20261122", "--saga-deadline", "20s", "--progress", "off",
                "--max-in-flight", "2000", "--report", report.toString(),
                "--private-key", TestCredentials.privateKeyFile().toString()));
        if (spec.traceparent()) {
            // load-gen's own client spans go where the services' go (the bench's counting receiver).
            command.addAll(List.of("--otlp-endpoint", "http://127.0.0.1:" + (4318 + s.portOffset())));
        }
        for (String module : BenchSettings.SERVICES) {
            command.addAll(List.of("--" + module + "-url", services.baseUrl(module),
                    "--" + module + "-mgmt-url", services.managementUrl(module)));
        }
        command.addAll(s.loadGenArgs());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new LoadGen(process, report, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start load-gen", e);
        }
    }

    private void copy(Path output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(output))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                out.flush();
                if (line.startsWith("load: ")) {
                    started.complete(null);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            started.completeExceptionally(new IllegalStateException("load-gen ended before its load began"));
        }
    }

    public CompletableFuture<Void> started() {
        return started;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the end of the run and reads its report (null when load-gen wrote none). */
    public Report finish() {
        try {
            process.waitFor();
            return Files.exists(report) ? ReportJson.fromJson(Files.readString(report)) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a run early (a warm-up that has done its job): SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String num(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
