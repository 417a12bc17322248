package dev.obsaga.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External commands of the container test: run to completion with a deadline, output kept in a log file. */
final class Cli {

    record Result(int exitCode, String output, Duration took) {
        Result orFail(List<String> command) {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + tail(output));
            }
            return this;
        }
    }

    private final Path workDir;
    private final Map<String, String> environment;
    private final Path log;

    Cli(Path workDir, Map<String, String> environment, Path log) {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    /** Runs the command, failing loudly on a non-zero exit. */
    Result run(Duration timeout, List<String> command) {
        return tryRun(timeout, command).orFail(command);
    }

    Result tryRun(Duration timeout, List<String> command) {
        long start = System.nanoTime();
        try {
            Process process = start(command, ProcessBuilder.Redirect.PIPE);
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            String output = new String(out, StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            append("$ " + String.join(" ", command) + "\n" + output + "-> exit " + process.exitValue() + " in "
                    + took.toMillis() + " ms\n");
            return new Result(process.exitValue(), output, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the command in the background, its output going to {@code output}. */
    Process background(List<String> command, Path output) {
        append("$ " + String.join(" ", command) + " (background, output in " + output + ")\n");
        return start(command, ProcessBuilder.Redirect.to(output.toFile()));
    }

    private Process start(List<String> command, ProcessBuilder.Redirect redirect) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(redirect);
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command.get(0) + " (is it installed? .ci/run installs it)", e);
        }
    }

    private void append(String text) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(String output) {
        return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
    }
}
