package dev.obsaga.bench;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.obsaga.testsupport.SagaProcesses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of bench/run.sh: options in, {@link BenchSettings} out, then one {@link Bench} run. */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The obsaga benchmark: CPU per order per process group once the JIT settled, sustained saga"
                + " throughput, floors (PerfTest, pgbench), cold start, telemetry cost, start-up, memory.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--quick", description = "Shorter windows and caps (a check that it works, not figures).")
    boolean quick;
    @Option(names = "--jvm-options", paramLabel = "OPTS",
            description = "The services' JVM options ({service} = the service's name). Default: deploy/jvm.options.")
    String jvmOptions;
    @Option(names = "--java", paramLabel = "PATH", description = "The services' java, e.g."
            + " /usr/lib/jvm/temurin-25-jdk-amd64/bin/java (default: the one running the bench).")
    String javaPath;
    @Option(names = "--aot-cache", description = "Train a Java 25 AOT cache per service first, then start from it.")
    boolean aotCache;
    @Option(names = "--rate", defaultValue = "100", description = "The fixed moderate rate, orders/s (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--p99-limit-ms", defaultValue = "250", description = "Saga p99 a step must stay under (default ${DEFAULT-VALUE}).")
    double p99Limit;
    @Option(names = "--start-rate", defaultValue = "30", description = "First step of the search (default ${DEFAULT-VALUE}).")
    double startRate;
    @Option(names = "--settle-window", paramLabel = "S", description = "JIT criterion window, s (quick 5, full 10).")
    Integer settleWindow;
    @Option(names = "--settle-threshold", defaultValue = "0.02",
            description = "JIT settled below this compiler share of the services' CPU (default ${DEFAULT-VALUE}).")
    double settleThreshold;
    @Option(names = "--settle-cap", paramLabel = "S", description = "Longest JIT settling, s (quick 60, full 300).")
    Integer settleCap;
    @Option(names = "--measure", paramLabel = "S", description = "Seconds of each CPU measurement (quick 10, full 30).")
    Integer measure;
    @Option(names = "--step", paramLabel = "S", description = "Seconds measured per search step (quick 8, full 30).")
    Integer step;
    @Option(names = "--repeats", paramLabel = "N", description = "Telemetry on/off pairs (default 3).")
    int repeats = 3;
    @Option(names = "--skip", split = ",", paramLabel = "PHASE",
            description = "Leave out phases: perftest, pgbench, cold-start, search, telemetry.")
    List<String> skip = List.of();
    @Option(names = "--out", paramLabel = "DIR", description = "Raw outputs (default bench/target/<timestamp>).")
    Path out;
    @Option(names = "--port-offset", defaultValue = "400", description = "Ports: defaults + this (default ${DEFAULT-VALUE}).")
    int portOffset;
    @Option(names = "--db", defaultValue = "obsaga_bench", description = "The bench's database (default ${DEFAULT-VALUE}).")
    String db;
    @Option(names = "--vhost", defaultValue = "obsaga-bench", description = "The bench's vhost (default ${DEFAULT-VALUE}).")
    String vhost;
    @Option(names = "--db-pool", defaultValue = "20", description = "DB_POOL_MAX_SIZE per service (default ${DEFAULT-VALUE}).")
    int dbPool;
    @Option(names = "--load-gen-jvm", paramLabel = "OPTS", defaultValue = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
            description = "load-gen's JVM options (default ${DEFAULT-VALUE}).")
    String loadGenJvm;
    @Option(names = "--load-gen-args", paramLabel = "ARGS", defaultValue = "--poll-wait 5s --max-polls-in-flight 512",
            description = "Extra load-gen options (default ${DEFAULT-VALUE}).")
    String loadGenArgs;

    static final List<String> PHASES = List.of("perftest", "pgbench", "cold-start", "search", "telemetry");

    public static void main(String[] args) {
        int code = 2;
        try {
            code = new CommandLine(new BenchMain()).execute(args);
        } finally {
            // also after an Error: no thread of ours may keep the JVM (and the services' shutdown hook) waiting
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        Files.createDirectories(settings.out());
        // The tables go to the console and to summary.txt together.
        try (var file = new FileOutputStream(settings.out().resolve("summary.txt").toFile());
                var both = new PrintStream(new TeeOutputStream(System.out, file), true)) {
            new Bench(settings, both).run();
        }
        return 0;
    }

    BenchSettings settings() {
        Path root = SagaProcesses.findRepositoryRoot();
        int window = settleWindow != null ? settleWindow : quick ? 5 : 10;
        int cap = settleCap != null ? settleCap : quick ? 60 : 300;
        Set<String> skipped = new HashSet<>(skip);
        skipped.removeAll(PHASES);
        if (!skipped.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--skip: unknown phase(s) " + skipped
                    + "; the phases are " + PHASES);
        }
        skipped.addAll(skip);
        return new BenchSettings(quick, root,
                out != null ? out : root.resolve("bench/target/" + LocalDateTime.now().format(
                        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))),
                javaPath != null ? javaPath : Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jvmOptions != null ? words(jvmOptions) : SagaProcesses.jvmOptions(root), aotCache, rate, p99Limit,
                startRate, quick ? 2 : 1.4, quick ? 1 : 3, quick ? 6 : 16,
                new SettledCriterion(window, settleThreshold, cap),
                // a step has settled most of its code already: a shorter cap keeps the search bounded
                new SettledCriterion(window, settleThreshold, quick ? 15 : 60),
                measure != null ? measure : quick ? 10 : 30, step != null ? step : quick ? 8 : 30, repeats,
                quick ? 10 : 30, quick ? 10 : 30, 30, portOffset, db, vhost, dbPool, words(loadGenJvm),
                words(loadGenArgs), skipped);
    }

    static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
