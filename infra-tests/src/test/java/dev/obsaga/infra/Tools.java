package dev.obsaga.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.obsaga.testsupport.SagaProcesses;

/**
 * The external programs the infrastructure tests use, found on the PATH or failing loudly with how to install them
 * (never skipped): Debian's {@code prometheus} (also gives {@code promtool}), {@code prometheus-alertmanager} and
 * {@code docker-compose}.
 */
final class Tools {

    static final String INSTALL = "apt-get update && apt-get install -y prometheus prometheus-alertmanager docker-compose";

    private Tools() {
    }

    /** Closes each, in order, whatever the others do: a test's tear-down must stop everything it started. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    static Path repositoryRoot() {
        return SagaProcesses.findRepositoryRoot();
    }

    static Path infra() {
        return repositoryRoot().resolve("infra");
    }

    static Path target() {
        return repositoryRoot().resolve("infra-tests/target");
    }

    static String promtool() {
        return require("promtool", "prometheus");
    }

    static String prometheus() {
        return require("prometheus", "prometheus");
    }

    static String alertmanager() {
        return require("prometheus-alertmanager", "prometheus-alertmanager", "alertmanager");
    }

    static String dockerCompose() {
        return require("docker-compose", "docker-compose");
    }

    /** The first of the names found on the PATH, or an AssertionError telling how to install the package. */
    static String require(String name, String debianPackage, String... alternatives) {
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(List.of(alternatives));
        for (String candidate : names) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, candidate);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new AssertionError("'" + name + "' is not installed, and these tests need it (nothing is skipped). "
                + "Install the Debian package '" + debianPackage + "': " + INSTALL);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion (at most {@code timeoutSeconds}), output and error merged. */
    static Result run(long timeoutSeconds, Path workDir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path freshDirectory(String name) {
        Path dir = target().resolve(name);
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
