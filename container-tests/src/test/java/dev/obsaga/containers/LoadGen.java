package dev.obsaga.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.obsaga.loadgen.Report;
import dev.obsaga.loadgen.ReportJson;

/** load-gen as a process (load-gen/run.sh, README "Load generator") against the published ports. */
final class LoadGen {

    private final ComposeStack stack;
    private final Path workDir;
    private Process process;
    private Path report;

    LoadGen(ComposeStack stack, Path workDir) {
        this.stack = stack;
        this.workDir = workDir;
    }

    /** Starts {@code mixed} at {@code rate}/s for the measured {@code seconds}, after a short ramped warm-up. */
    LoadGen start(String name, int rate, int seconds) {
        Path jar = stack.root.resolve("load-gen/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the build packages load-gen before this module");
        }
        report = workDir.resolve(name + ".json");
        List<String> command = new ArrayList<>(List.of(stack.root.resolve("load-gen/run.sh").toString(),
                "--scenario", "mixed", "--rate", String.valueOf(rate), "--duration", seconds + "s",
                "--warmup", "5s", "--ramp", "5s", "--customers", "10", "--saga-deadline", "60s",
                "--max-error-rate", "0", "--progress=off", "--report", report.toString(),
                "--private-key", dev.obsaga.testsupport.TestCredentials.privateKeyFile().toString()));
        for (String service : List.of("customers", "orders", "payments", "notifications")) {
            String prefix = service.toUpperCase();
            command.addAll(List.of("--" + service + "-url", stack.url(prefix + "_HOST_PORT"),
                    "--" + service + "-mgmt-url", stack.url(prefix + "_MANAGEMENT_HOST_PORT")));
        }
        process = stack.cli().background(command, workDir.resolve(name + ".log"));
        return this;
    }

    boolean running() {
        return process.isAlive();
    }

    /** Waits for the run to end and reads its report. */
    Report finish() throws InterruptedException {
        int exit = process.waitFor();
        if (!Files.isRegularFile(report)) {
            throw new AssertionError("load-gen exited " + exit + " without a report; see " + report
                    .resolveSibling(report.getFileName().toString().replace(".json", ".log")));
        }
        return ReportJson.fromJson(ComposeStack.read(report));
    }

    /** No 5xx, no order lost (measured and warm-up), no threshold broken. */
    static void assertHeld(Report report) {
        assertEquals(0, report.placement().serverErrors(), "5xx: " + report.placement().serverErrorsByStatus());
        assertEquals(0, report.sagas().lost(), "lost: " + report.sagas().lostOrders());
        assertEquals(0, report.warmup().lost(), "lost in the warm-up");
        assertEquals(0, report.exitCode(), "load-gen failures: " + report.failures());
    }

}
