package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultPhaseTests {

    @Test
    void theFaultIsSwitchedOnForItsPhaseAndResetAfterwards() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            Report report = LoadRun.run(TestRuns.against(server).rate(20).duration(Duration.ofMillis(1500))
                    .fault(FaultScenario.PAYMENT_ERRORS).faultStart(Duration.ofMillis(300))
                    .faultDuration(Duration.ofMillis(500)).build());

            assertEquals(ExitCodes.OK, report.exitCode(), () -> String.join("; ", report.failures()));
            assertEquals(List.of(
                    new FakeSagaServer.FaultCall("PUT", "/faults/gateway-errors", "{\"rate\":0.5}"),
                    new FakeSagaServer.FaultCall("DELETE", "/faults/gateway-errors", "")), server.faultCalls);
            assertTrue(server.activeFaults.isEmpty());
            assertEquals("payment-errors", report.fault().scenario());
            assertEquals("payments", report.fault().service());
            assertNotNull(report.fault().appliedAt());
            assertNotNull(report.fault().resetAt());
        }
    }

    @Test
    void theFaultIsResetWhenTheRunFails() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.orderStatus = 500;
            Report report = LoadRun.run(TestRuns.against(server).fault(FaultScenario.CONSUMER_STALLED).build());

            assertEquals(ExitCodes.THRESHOLD_BROKEN, report.exitCode());
            assertEquals(List.of("PUT /faults/consumer-paused", "DELETE /faults/consumer-paused"),
                    server.faultCalls.stream().map(c -> c.method() + " " + c.path()).toList());
        }
    }

    @Test
    void errorsTheOutageCausesAreReportedByStatusButAreNotFailures() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            Report report = LoadRun.run(TestRuns.against(server).rate(20).duration(Duration.ofSeconds(2))
                    .fault(FaultScenario.CUSTOMERS_OUTAGE).faultStart(Duration.ofMillis(500))
                    .faultDuration(Duration.ofMillis(1000)).build());

            assertEquals(ExitCodes.OK, report.exitCode(), () -> String.join("; ", report.failures()));
            long unavailable = report.placement().faultExpectedByStatus().getOrDefault("503", 0L);
            assertTrue(unavailable >= 10, "503 during the outage: " + report.placement().faultExpectedByStatus());
            assertEquals(unavailable, report.placement().serverErrorsByStatus().get("503"));
            assertEquals(0, report.placement().unexpected());
            assertEquals(0, report.sagas().lost());
            assertEquals(40 - unavailable, report.sagas().confirmed());
        }
    }

    @Test
    void aFaultApiThatIsNotThereFailsTheSetUpBeforeAnyLoad() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.faultsListStatus = 404;
            Report report = LoadRun.run(TestRuns.against(server).fault(FaultScenario.POISON_MESSAGES).build());

            assertEquals(ExitCodes.SETUP_FAILED, report.exitCode());
            assertEquals(0, server.ordersReceived.get());
            assertTrue(server.faultCalls.isEmpty());
        }
    }

    @Test
    void sigtermMidPhaseResetsTheFault(@TempDir Path dir) throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            String url = server.uri().toString();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "--rate", "20", "--duration", "120s", "--customers", "2", "--progress", "off",
                    "--fault", "customers-outage", "--fault-start", "0s"));
            for (String service : List.of("customers", "orders", "payments", "notifications")) {
                command.add("--" + service + "-url=" + url);
                command.add("--" + service + "-mgmt-url=" + url);
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("load-gen.log").toFile())
                    .start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> !server.faultCalls("PUT").isEmpty() || !process.isAlive());
                assertTrue(process.isAlive(), () -> "load-gen ended early: " + log(dir.resolve("load-gen.log").toFile()));
                assertTrue(server.faultCalls("DELETE").isEmpty());
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.ordersReceived.get() > 0);

                process.destroy(); // SIGTERM, as Ctrl-C would: the shutdown hook must reset the fault

                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "load-gen did not exit on SIGTERM");
                assertEquals(List.of("DELETE /faults/grpc-errors"), server.faultCalls("DELETE").stream()
                        .map(c -> c.method() + " " + c.path()).toList(),
                        () -> log(dir.resolve("load-gen.log").toFile()));
                assertTrue(server.activeFaults.isEmpty());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String log(File file) {
        try {
            return java.nio.file.Files.readString(file.toPath());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
