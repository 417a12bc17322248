package dev.obsaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The run's output directory, its progress log, and the database and vhost of its own, made anew per phase. */
public final class Workspace {

    private final BenchSettings settings;
    private final Path log;

    public Workspace(BenchSettings settings) {
        this.settings = settings;
        try {
            Files.createDirectories(settings.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = settings.out().resolve("bench.log");
    }

    public Path dir(String name) {
        Path dir = settings.out().resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A progress line on stderr (stdout carries the tables) and in bench.log. */
    public void log(String format, Object... args) {
        String line = "[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] "
                + String.format(format, args);
        System.err.println(line);
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the console still has it
        }
    }

    /**
     * The pool size that four services can have on the shared PostgreSQL: its max_connections less the
     * connections in use now (other people's runs) and a margin of 10, shared by four; at least 4.
     */
    public static int poolThatFits(int wanted, int maxConnections, int inUse) {
        int free = maxConnections - inUse - 10;
        return 4 * wanted <= free ? wanted : Math.max(4, free / 4);
    }

    public int poolThatFits(int wanted) {
        int max = Integer.parseInt(Shell.psql("postgres", "SHOW max_connections"));
        int inUse = Integer.parseInt(Shell.psql("postgres", "SELECT count(*) FROM pg_stat_activity"));
        int pool = poolThatFits(wanted, max, inUse);
        if (pool != wanted) {
            log("PostgreSQL has %d of %d connections in use: pool size %d -> %d per service", inUse, max, wanted, pool);
        }
        return pool;
    }

    /** An empty database and vhost, so every phase starts from the same state (ours alone: never shared ones). */
    public void resetState() {
        Shell.psql("postgres", "DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
        Shell.psql("postgres", "CREATE DATABASE " + settings.database());
        try {
            Shell.run(List.of("rabbitmqctl", "-q", "delete_vhost", settings.vhost()));
        } catch (IllegalStateException e) {
            // it did not exist
        }
        Shell.run(List.of("rabbitmqctl", "-q", "add_vhost", settings.vhost()));
        Shell.run(List.of("rabbitmqctl", "-q", "set_permissions", "-p", settings.vhost(), "guest", ".*", ".*", ".*"));
    }
}
