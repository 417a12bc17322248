package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class LoadGenCommandTests {

    private static List<String> against(FakeSagaServer server, String... args) {
        List<String> all = new ArrayList<>();
        for (String service : List.of("customers", "orders", "payments", "notifications")) {
            all.add("--" + service + "-url=" + server.uri());
            all.add("--" + service + "-mgmt-url=" + server.uri());
        }
        all.addAll(List.of("--customers", "2", "--progress", "off"));
        all.addAll(List.of(args));
        return all;
    }

    /** Runs the CLI in this JVM with System.out/err captured. */
    private static int run(List<String> args, StringBuilder out) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        StringWriter usage = new StringWriter();
        try {
            System.setOut(capture);
            System.setErr(capture);
            CommandLine cli = LoadGenCommand.commandLine();
            cli.setErr(new PrintWriter(usage, true));
            return cli.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out.append(captured.toString(StandardCharsets.UTF_8)).append(usage);
        }
    }

    @Test
    void theTokenCommandPrintsACustomerTokenSignedWithTheGivenKey(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("private.pem");
        Files.writeString(key, dev.obsaga.contracts.auth.DevIssuer.privateKeyPem(
                dev.obsaga.contracts.auth.DevIssuer.newKeyPair().getPrivate()));
        String customer = java.util.UUID.randomUUID().toString();
        StringBuilder out = new StringBuilder();
        assertEquals(0, run(List.of("token", "--customer", customer, "--private-key", key.toString()), out));
        String[] parts = out.toString().strip().split("\\.");
        assertEquals(3, parts.length, out.toString());
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"" + customer + "\"") && claims.contains("\"groups\":[\"customer\"]"), claims);
        String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("RS256"), header);
        assertEquals(3, run(List.of("token", "--private-key", key.toString()), new StringBuilder()),
                "a role is required");
    }

    @Test
    void aPassingRunExitsZeroAndWritesTheJsonReport(@TempDir Path dir) throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            Path file = dir.resolve("out/report.json");
            StringBuilder out = new StringBuilder();
            int code = run(against(server, "--rate", "30", "--duration", "1s", "--seed", "11", "--report",
                    file.toString(), "--max-p99", "5000"), out);

            assertEquals(0, code, out::toString);
            assertTrue(out.toString().contains("p99.9"), out::toString);
            assertTrue(out.toString().contains("PASSED"), out::toString);
            Report report = ReportJson.fromJson(Files.readString(file));
            assertEquals(11, report.seed());
            assertEquals(30, report.placement().accepted());
            assertEquals(30, report.sagas().confirmed());
            assertEquals(0, report.exitCode());
            String json = Files.readString(file);
            for (String field : List.of("\"placementLatencyMs\"", "\"p99Ms\"", "\"sagaDurationMs\"",
                    "\"byStatus\"", "\"lost\"", "\"exitCode\"")) {
                assertTrue(json.contains(field), field + " in " + json);
            }
        }
    }

    @Test
    void aBrokenThresholdExitsOne() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.orderStatus = 503;
            StringBuilder out = new StringBuilder();
            int code = run(against(server, "--rate", "20", "--duration", "1s"), out);
            assertEquals(ExitCodes.THRESHOLD_BROKEN, code, out::toString);
            assertTrue(out.toString().contains("FAILED: error rate"), out::toString);
        }
    }

    @Test
    void lostOrdersExitTwo() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.sagaMillis = -1;
            StringBuilder out = new StringBuilder();
            int code = run(against(server, "--rate", "5", "--duration", "1s", "--saga-deadline", "300ms"), out);
            assertEquals(ExitCodes.LOST_ORDERS, code, out::toString);
        }
    }

    @Test
    void usageErrorsExitThree() {
        for (String[] args : List.of(
                new String[] {"--rate", "0"},
                new String[] {"--rate", "lots"},
                new String[] {"--scenario", "chaos"},
                new String[] {"--fault", "meteor"},
                new String[] {"--duration", "soon"},
                new String[] {"--traceparent", "maybe"},
                new String[] {"--no-such-option"})) {
            StringBuilder out = new StringBuilder();
            assertEquals(ExitCodes.USAGE, run(List.of(args), out), String.join(" ", args) + ": " + out);
        }
    }
}
