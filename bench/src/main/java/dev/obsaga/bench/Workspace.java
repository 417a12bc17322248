package dev.obsaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the console still has it
        }
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
