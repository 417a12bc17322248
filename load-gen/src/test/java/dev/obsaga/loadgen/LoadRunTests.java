package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.obsaga.testsupport.OtlpReceiver;
import dev.obsaga.testsupport.OtlpReceiver.ReceivedSpan;

/** Whole runs against the fake services: counts, thresholds and the exit code they lead to. */
class LoadRunTests {

    @Test
    void aHealthyRunPassesWithExitZero() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            Report report = LoadRun.run(TestRuns.against(server).maxP99Ms(5_000.0).build());

            assertEquals(ExitCodes.OK, report.exitCode(), () -> String.join("; ", report.failures()));
            assertTrue(report.passed());
            assertEquals(3, report.setup().customersRegistered());
            assertEquals(50, report.placement().scheduled());
            assertEquals(50, report.placement().sent());
            assertEquals(50, report.placement().accepted());
            assertEquals(50, report.placementLatencyMs().count());
            assertEquals(50, report.sagas().tracked());
            assertEquals(50, report.sagas().confirmed());
            assertEquals(0, report.sagas().lost());
            assertEquals(50, report.sagaDurationMs().count());
            assertTrue(report.sagaDurationMs().p50Ms() >= 20, "saga takes at least the fake's 20 ms");
            assertEquals(0, report.thresholds().errors());
            assertEquals(50, server.ordersReceived.get());
            assertTrue(server.pollsReceived.get() >= 50);
        }
    }

    @Test
    void serverErrorsBreakTheErrorRateThreshold() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.orderStatus = 500;
            Report report = LoadRun.run(TestRuns.against(server).build());

            assertEquals(ExitCodes.THRESHOLD_BROKEN, report.exitCode());
            assertEquals(50, report.placement().serverErrors());
            assertEquals(50L, report.placement().serverErrorsByStatus().get("500"));
            assertEquals(50, report.placement().unexpected());
            assertEquals(1.0, report.thresholds().errorRate());
            assertEquals(0, report.sagas().tracked());
            assertTrue(report.thresholds().broken().get(0).startsWith("error rate"), report.failures().toString());
        }
    }

    @Test
    void aFewErrorsUnderTheThresholdPass() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.orderStatus = 500;
            Report report = LoadRun.run(TestRuns.against(server).maxErrorRate(1.0).build());
            assertEquals(ExitCodes.OK, report.exitCode(), () -> String.join("; ", report.failures()));
        }
    }

    @Test
    void aSlowPlacementBreaksMaxP99() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(8)) {
            server.orderDelayMillis = 100;
            Report report = LoadRun.run(TestRuns.against(server).rate(20).maxP99Ms(20.0).build());

            assertEquals(ExitCodes.THRESHOLD_BROKEN, report.exitCode());
            assertTrue(report.placementLatencyMs().p99Ms() >= 100, "p99 " + report.placementLatencyMs().p99Ms());
            assertEquals(1, report.thresholds().broken().size(), report.thresholds().broken().toString());
            assertTrue(report.thresholds().broken().get(0).contains("--max-p99"));
            assertEquals(0, report.thresholds().errors());
        }
    }

    @Test
    void ordersThatNeverFinishAreLostAndFailTheRun() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4); OtlpReceiver otlp = new OtlpReceiver()) {
            server.sagaMillis = -1;
            Report report = LoadRun.run(TestRuns.against(server).rate(10).sagaDeadline(Duration.ofMillis(500))
                    .otlpEndpoint(otlp.endpoint()).build());

            assertEquals(ExitCodes.LOST_ORDERS, report.exitCode());
            assertEquals(10, report.sagas().lost());
            assertEquals(10, report.sagas().lostOrders().size());
            Report.LostOrder lost = report.sagas().lostOrders().get(0);
            assertEquals("PENDING", lost.lastStatus());
            assertTrue(lost.polls() >= 2);
            assertTrue(otlp.traces().containsKey(lost.traceId()), "the report names an exported trace");
            assertTrue(lost.ageMs() >= 500);
        }
    }

    @Test
    void warmupIsSentButLeftOutOfTheNumbers() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            Report report = LoadRun.run(TestRuns.against(server).rate(40).warmup(Duration.ofMillis(500)).build());

            assertEquals(ExitCodes.OK, report.exitCode(), () -> String.join("; ", report.failures()));
            assertEquals(20, report.warmup().sent());
            assertEquals(20, report.warmup().confirmed());
            assertEquals(40, report.placement().sent());
            assertEquals(40, report.placementLatencyMs().count());
            assertEquals(60, server.ordersReceived.get());
        }
    }

    @Test
    void theInvalidScenarioFailsOnAny5xxWhateverTheErrorRate() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4)) {
            server.orderStatus = 400;
            Report passed = LoadRun.run(TestRuns.against(server).scenario(ScenarioKind.INVALID).build());
            assertEquals(ExitCodes.OK, passed.exitCode(), () -> String.join("; ", passed.failures()));
            assertEquals(50, passed.placement().clientErrors());
            assertEquals(InvalidCatalogue.CASES.size(), passed.placement().byKind().size(),
                    "every case of the catalogue was sent: " + passed.placement().byKind().keySet());

            server.orderStatus = 500;
            Report failed = LoadRun.run(TestRuns.against(server).scenario(ScenarioKind.INVALID).maxErrorRate(1.0)
                    .build());
            assertEquals(ExitCodes.THRESHOLD_BROKEN, failed.exitCode());
            assertTrue(failed.failures().get(0).contains("5xx"), failed.failures().toString());
        }
    }

    @Test
    void everyRequestIsAnExportedClientSpanAndItsTraceparentNamesThatSpan() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4); OtlpReceiver otlp = new OtlpReceiver()) {
            LoadRun.run(TestRuns.against(server).rate(20).otlpEndpoint(otlp.endpoint()).build());
            assertEquals(0, server.requestsWithoutTraceparent.get());
            // every traceparent sent names a span load-gen exported (flushed on close, before run() returns)
            Map<String, ReceivedSpan> bySpan = otlp.spans().stream()
                    .collect(Collectors.toMap(s -> s.traceId() + "-" + s.spanId(), s -> s));
            for (String traceparent : server.traceparents) {
                ReceivedSpan span = bySpan.get(traceparent.substring(3, 52));
                assertNotNull(span, "no exported span for " + traceparent);
                assertEquals("load-gen", span.service());
                assertEquals("SPAN_KIND_CLIENT", span.kind());
                assertTrue(span.isRoot(), span.name() + " starts its trace");
            }
            List<ReceivedSpan> placements = otlp.spans().stream().filter(s -> s.name().equals("POST /orders")).toList();
            List<ReceivedSpan> polls = otlp.spans().stream().filter(s -> s.name().equals("GET /orders/{id}")).toList();
            assertEquals(20, placements.size());
            assertEquals(3, otlp.spans().stream().filter(s -> s.name().equals("POST /customers")).count());
            assertFalse(polls.isEmpty());
            Set<String> placementIds = placements.stream().map(s -> s.traceId() + "-" + s.spanId())
                    .collect(Collectors.toSet());
            for (ReceivedSpan poll : polls) {
                // a poll is a trace of its own, linked to its order's placement, never inside the order's trace
                assertEquals(1, poll.links().size(), poll.toString());
                assertTrue(placementIds.contains(poll.links().get(0)), poll.toString());
                assertTrue(placements.stream().noneMatch(p -> p.traceId().equals(poll.traceId())));
                assertEquals("200", poll.attributes().get("http.response.status_code"));
            }
            assertEquals("202", placements.get(0).attributes().get("http.response.status_code"));
        }
    }

    @Test
    void noTraceparentWhenSwitchedOffOrWithoutAnEndpoint() throws Exception {
        try (FakeSagaServer server = new FakeSagaServer(4); OtlpReceiver otlp = new OtlpReceiver()) {
            LoadRun.run(TestRuns.against(server).rate(20).traceparent(false).otlpEndpoint(otlp.endpoint()).build());
            LoadRun.run(TestRuns.against(server).rate(20).otlpEndpoint(null).build());
            assertEquals(0, server.traceparents.size());
            assertTrue(otlp.spans().isEmpty());
        }
    }

    @Test
    void unreachableServicesFailTheSetUp() {
        LoadOptions options = LoadOptions.builder().allUrls(java.net.URI.create("http://127.0.0.1:9"))
                .duration(Duration.ofSeconds(1)).customers(1).progress(null).log(null).build();
        Report report = LoadRun.run(options);
        assertEquals(ExitCodes.SETUP_FAILED, report.exitCode());
        assertEquals(0, report.placement().sent());
        assertNotNull(report.setup().error());
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LoadRun.run(LoadOptions.builder().rate(0).build()));
        assertThrows(IllegalArgumentException.class,
                () -> LoadRun.run(LoadOptions.builder().maxErrorRate(2).build()));
    }
}
