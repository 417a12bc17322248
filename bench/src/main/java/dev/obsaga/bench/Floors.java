package dev.obsaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the infrastructure alone can do on this machine, measured in the same run: RabbitMQ PerfTest with our
 * message shape (persistent, publisher confirms, 512 B) and pgbench running one order's database work
 * (bench/pgbench/saga-mix.sql). The saga's figures are judged against these.
 */
public final class Floors {

    /** @param perSecond the 1-s "received" rates after the first two (start-up) seconds */
    public record PerfTest(double msgsPerSecond, List<Double> perSecond, CpuWindow cpu) {
        public double brokerMsPerMessage() {
            return CpuWindow.msPer(cpu.ticks("RabbitMQ"), msgsPerSecond * cpu.seconds());
        }

        public double perfTestMsPerMessage() {
            return CpuWindow.msPer(cpu.ticks("PerfTest"), msgsPerSecond * cpu.seconds());
        }
    }

    public record Pgbench(double ordersPerSecond, CpuWindow cpu) {
        public double postgresMsPerOrder() {
            return CpuWindow.msPer(cpu.ticks("PostgreSQL"), ordersPerSecond * cpu.seconds());
        }

        public double clientMsPerOrder() {
            return CpuWindow.msPer(cpu.ticks("pgbench"), ordersPerSecond * cpu.seconds());
        }
    }

    private static final Pattern RECEIVED = Pattern.compile("received: (\\d+) msg/s");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private Floors() {
    }

    public static PerfTest perfTest(BenchSettings s, CpuMeter meter, Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("perftest.txt");
        List<String> command = List.of(s.java(), "-Xmx256m", "-cp", s.root().resolve("bench/target/perftest/lib/*")
                .toString(), "com.rabbitmq.perf.PerfTest", "-h", "amqp://guest:guest@127.0.0.1:5672/" + s.vhost(),
                "-x", "1", "-y", "1", "-f", "persistent", "-c", "100", "-q", "200", "-s", "512",
                "-z", Integer.toString(s.perftestSeconds()), "-u", "bench-perftest", "-ad", "true", "-i", "1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        meter.tree("PerfTest", List.of(p.pid()));
        // The window leaves out PerfTest's JVM start and its last second.
        Shell.sleep(3);
        CpuSnapshot start = meter.snapshot();
        Shell.sleep(Math.max(1, s.perftestSeconds() - 3));
        CpuSnapshot end = meter.snapshot();
        p.waitFor();
        meter.forget("PerfTest");
        List<Double> rates = new ArrayList<>();
        Matcher m = RECEIVED.matcher(Files.readString(output));
        while (m.find()) {
            rates.add(Double.parseDouble(m.group(1)));
        }
        List<Double> steady = rates.size() > 2 ? rates.subList(2, rates.size()) : rates;
        return new PerfTest(Spread.of(steady).median(), steady, end.since(start));
    }

    public static Pgbench pgbench(BenchSettings s, CpuMeter meter, Path dir) throws IOException, InterruptedException {
        String db = s.database() + "_floor";
        Shell.psql("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        Shell.psql("postgres", "CREATE DATABASE " + db);
        Shell.run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db,
                "-f", s.root().resolve("bench/pgbench/saga-schema.sql").toString()));
        Path output = dir.resolve("pgbench.txt");
        List<String> command = List.of("pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-c", "8", "-j", "2",
                "-T", Integer.toString(s.pgbenchSeconds()), "-f",
                s.root().resolve("bench/pgbench/saga-mix.sql").toString(), db);
        CpuSnapshot start = meter.snapshot();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        meter.tree("pgbench", List.of(p.pid()));
        // pgbench's own CPU is read just before it exits: a snapshot once a second keeps the last one.
        CpuSnapshot last = start;
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
            last = meter.snapshot();
        }
        meter.forget("pgbench");
        Matcher m = TPS.matcher(Files.readString(output));
        if (!m.find()) {
            throw new UncheckedIOException(new IOException("no tps in " + output));
        }
        Shell.psql("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        return new Pgbench(Double.parseDouble(m.group(1)), last.since(start));
    }
}
