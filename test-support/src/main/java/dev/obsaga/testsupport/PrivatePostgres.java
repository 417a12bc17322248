package dev.obsaga.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own, so it can be stopped, restarted and crashed without touching the machine's:
 * {@code initdb} into {@code directory} (trust authentication, superuser {@code postgres}), listening on 127.0.0.1 at
 * {@code port} with its socket in the same directory, driven with {@code pg_ctl}. PostgreSQL refuses to run as root:
 * as root, every command runs as the {@code postgres} user ({@code runuser}), which then owns the directory.
 */
public final class PrivatePostgres implements AutoCloseable {

    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TEST_PRIVATE_PG_PORT", "55433"));
    private static final Path BIN = Path.of(System.getenv().getOrDefault("TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path directory;
    private final int port;
    private boolean running;

    public PrivatePostgres(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "private-postgres-cleanup"));
    }

    /** A fresh cluster (an earlier run's data deleted), started. */
    public PrivatePostgres start() {
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory);
            if (ROOT) {
                run(List.of("chown", "postgres:postgres", directory.toString()), false);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare " + directory, e);
        }
        pg("initdb", "-D", data(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        startAgain();
        return this;
    }

    public int port() {
        return port;
    }

    /** The services' and the test's URL of the database {@code postgres} on this server. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** pg_ctl stop: {@code fast} (clients cut, checkpoint) or {@code immediate} (a crash: recovery at next start). */
    public void stop(String mode) {
        pg("pg_ctl", "-D", data(), "-m", mode, "-w", "-t", "60", "stop");
        running = false;
    }

    /** pg_ctl restart in one step, e.g. {@code fast}. */
    public void restart(String mode) {
        pg("pg_ctl", "-D", data(), "-m", mode, "-w", "-t", "60", "-l", log(), "-o", options(), "restart");
        running = true;
    }

    public void startAgain() {
        pg("pg_ctl", "-D", data(), "-w", "-t", "60", "-l", log(), "-o", options(), "start");
        running = true;
    }

    private String options() {
        return "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c max_connections=200"
                + " -c fsync=on";
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private String log() {
        return directory.resolve("postgres.log").toString();
    }

    private void pg(String tool, String... arguments) {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(arguments));
        run(command, true);
    }

    private static void run(List<String> command, boolean inTmp) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (inTmp) {
                // runuser keeps the working directory, which the postgres user may not be allowed to read.
                builder.directory(Path.of("/tmp").toFile());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command + " (PostgreSQL's binaries in " + BIN + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            try {
                pg("pg_ctl", "-D", data(), "-m", "fast", "-w", "stop");
            } catch (RuntimeException e) {
                System.err.println("private PostgreSQL: " + e.getMessage());
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
