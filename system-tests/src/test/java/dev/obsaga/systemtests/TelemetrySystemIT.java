package dev.obsaga.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.loadgen.LoadRun;
import dev.obsaga.loadgen.Report;
import dev.obsaga.loadgen.ScenarioKind;
import dev.obsaga.testsupport.OtlpReceiver;
import dev.obsaga.testsupport.OtlpReceiver.ReceivedSpan;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * The three pillars, proven on the packaged services driven by load-gen: each order is one connected trace that
 * starts at load-gen's own client span and crosses the four services with the semantic conventions' messaging
 * attributes, its ECS log lines carry that trace id, and the metrics (with exemplars) are there and plausible.
 */
class TelemetrySystemIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int SERIES_BUDGET = 1500;
    static final ObjectMapper JSON = new ObjectMapper();
    /** Prometheus 2.x's default scrape header: OpenMetrics preferred, text 0.0.4 as the fallback. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    static OtlpReceiver otlp;
    static SagaProcesses services;
    static Report report;
    /** order id -> the trace load-gen started for it */
    static final Map<String, String> ORDERS = new LinkedHashMap<>();

    @BeforeAll
    static void runLoad() {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        otlp = new OtlpReceiver();
        services = new SagaProcesses(Path.of("target", "service-logs", "telemetry"), Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms")).startAll();
        // Warm JITs first: a cold gRPC path on a busy 2-core machine misses the 800 ms customers deadline (503).
        SagaSystemIT.warmUp();
        report = LoadRun.run(LoadGenSystemIT.options(ScenarioKind.MIXED).warmup(Duration.ZERO).ramp(Duration.ZERO)
                .rate(4).duration(Duration.ofSeconds(5)).customers(3).otlpEndpoint(otlp.endpoint()).build());
        assertEquals(0, report.sagas().lost(), "lost: " + report.sagas().lostOrders());
        // load-gen flushed its spans before returning; its accepted placements name the orders' traces
        for (ReceivedSpan placement : otlp.spans()) {
            if (placement.service().equals("load-gen") && placement.name().equals("POST /orders")
                    && "202".equals(placement.attributes().get("http.response.status_code"))) {
                await().atMost(WAIT).until(() -> orderIn(placement.traceId()) != null);
                ORDERS.put(orderIn(placement.traceId()), placement.traceId());
            }
        }
        // every order load-gen got accepted is a sampled order (parentbased_always_on): each is checked below
        assertEquals(report.placement().accepted() + report.warmup().accepted(), ORDERS.size(), "orders traced");
        assertTrue(ORDERS.size() >= 5, "orders traced: " + ORDERS.size());
        for (String orderId : ORDERS.keySet()) {
            await().atMost(WAIT).until(() -> SagaClient.notificationsOfOrder(orderId).then().extract()
                    .<Integer>path("size()") == 1);
        }
    }

    private static String orderIn(String traceId) {
        return otlp.trace(traceId).stream().map(s -> s.attributes().get(TraceAssertions.ORDER_ID))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        if (otlp != null && !ORDERS.isEmpty()) {
            // one order's trace, span by span, for reading after the run
            java.nio.file.Files.writeString(Path.of("target", "telemetry-trace.txt"), otlp.trace(ORDERS.values()
                    .iterator().next()).stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n")));
        }
        if (services != null) {
            services.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void eachOrderIsOneConnectedTraceFromLoadGenThroughEveryServiceAndEveryHop() {
        for (var order : ORDERS.entrySet()) {
            String traceId = order.getValue();
            // The notification's gRPC lookup is the last hop: wait until its spans are exported too.
            await().atMost(WAIT).untilAsserted(() -> assertTrue(otlp.trace(traceId).stream().anyMatch(s ->
                    s.service().equals("notifications") && s.kind().equals("SPAN_KIND_CLIENT")),
                    "notifications' gRPC client span of " + order.getKey()));
            await().atMost(WAIT).untilAsserted(() -> TraceAssertions.assertConnected(order.getKey(),
                    otlp.trace(traceId)));
        }
    }

    @Test
    void pollsAreTracesOfTheirOwnLinkedToTheirOrder() {
        Set<String> placements = otlp.spans().stream().filter(s -> s.name().equals("POST /orders"))
                .map(s -> s.traceId() + "-" + s.spanId()).collect(Collectors.toSet());
        List<ReceivedSpan> polls = otlp.spans().stream()
                .filter(s -> s.service().equals("load-gen") && s.name().equals("GET /orders/{id}")).toList();
        assertFalse(polls.isEmpty());
        for (ReceivedSpan poll : polls) {
            assertTrue(poll.isRoot() && poll.links().size() == 1 && placements.contains(poll.links().get(0)),
                    poll.toString());
            assertFalse(ORDERS.containsValue(poll.traceId()), "a poll inside an order's trace: " + poll);
        }
    }

    @Test
    void everyLogLineAboutAnOrderCarriesItsTraceIdInEcsFieldsAndNoLineLeaksPersonalData() throws Exception {
        for (var order : ORDERS.entrySet()) {
            int lines = 0;
            for (SagaService service : SagaService.values()) {
                for (String line : services.logLines(service)) {
                    if (!line.contains(order.getKey())) {
                        continue;
                    }
                    JsonNode json = JSON.readTree(line);
                    assertEquals(order.getValue(), json.path("trace.id").asText(), service + ": " + line);
                    assertTrue(json.path("span.id").asText().matches("[0-9a-f]{16}"), line);
                    assertEquals(service.module(), json.path("service.name").asText(), line);
                    assertFalse(json.path("service.version").asText().isEmpty(), line);
                    assertFalse(json.path("log.level").asText().isEmpty(), line);
                    assertFalse(json.path("@timestamp").asText().isEmpty(), line);
                    assertFalse(json.path("mdc").has("traceId"), "the id is lifted, not repeated: " + line);
                    lines++;
                }
            }
            assertTrue(lines >= 3, order.getKey() + " should be logged by orders, payments and notifications: " + lines);
        }
        for (SagaService service : SagaService.values()) {
            for (String line : services.logLines(service)) {
                assertFalse(line.replace(" ", "").contains("4242424242424242")
                        || line.replace(" ", "").contains("4000000000000002"), service + " logs a card: " + line);
                assertFalse(line.matches(".*lg-[0-9a-z]+-[0-9]+-[0-9a-f]+@example\\.org.*"),
                        service + " logs an e-mail: " + line);
                assertFalse(TraceAssertions.JWT.matcher(line).find() || line.contains("Bearer "),
                        service + " logs a token: " + line);
                assertFalse(line.contains("/q/health") || line.contains("/q/metrics"),
                        service + " logs a probe or scrape: " + line);
            }
        }
    }

    @Test
    void theMetricsAreThereWithPlausibleValuesExemplarsAndWithinTheSeriesBudget() {
        Map<SagaService, String> scrapes = new LinkedHashMap<>();
        for (SagaService service : SagaService.values()) {
            // Prometheus' default header: it must get OpenMetrics, the only format with exemplars.
            scrapes.put(service, given().header("Accept", PROMETHEUS_ACCEPT).get(service.managementUrl() + "/q/metrics")
                    .then().statusCode(200).contentType(startsWith("application/openmetrics-text")).extract().asString());
        }
        String orders = scrapes.get(SagaService.ORDERS);
        String payments = scrapes.get(SagaService.PAYMENTS);
        String customers = scrapes.get(SagaService.CUSTOMERS);
        String notifications = scrapes.get(SagaService.NOTIFICATIONS);

        long accepted = report.placement().accepted();
        assertTrue(value(orders, "orders_placed_total\\{service=\"orders\"}") >= accepted);
        assertTrue(value(orders, "orders_completed_total\\{service=\"orders\",status=\"CONFIRMED\"}") >= report.sagas().confirmed());
        assertTrue(value(orders, "orders_completed_total\\{service=\"orders\",status=\"REJECTED\"}") >= report.sagas().rejected());
        assertTrue(value(orders, "order_saga_duration_seconds_count\\{service=\"orders\"}") >= accepted);
        assertTrue(value(payments, "payments_total\\{outcome=\"succeeded\",service=\"payments\"}") >= report.sagas().confirmed());
        assertTrue(sumOf(payments, "payments_amount_total\\{[^}]*service=\"payments\"}") > 0);
        assertTrue(value(customers, "customers_registered_total\\{service=\"customers\"}") >= 3);
        assertTrue(value(notifications, "notifications_sent_total\\{outcome=\"sent\",service=\"notifications\",type=\"ORDER_CONFIRMED\"}") >= report.sagas().confirmed());
        assertTrue(sumOf(orders, "obsaga_log_lines_total\\{level=\"info\",[^}]*}") > 0, "log lines by level");
        assertEquals(0, sumOf(orders, "obsaga_telemetry_export_failures_total\\{[^}]*}"), "no failed export");

        for (var entry : Map.of("orders", orders, "payments", payments, "customers", customers).entrySet()) {
            String exchange = entry.getKey();
            assertTrue(sumOf(entry.getValue(), "obsaga_messaging_publish_total\\{exchange=\"" + exchange
                    + "\",outcome=\"success\",[^}]*}") >= 1, exchange);
            assertPlausible(entry.getValue(), "obsaga_messaging_publish_duration_seconds", "exchange=\"" + exchange + "\"");
        }
        for (var entry : Map.of("payments.order-created", payments, "orders.payment-results", orders,
                "notifications.order-outcomes", notifications, "notifications.customer-events", notifications).entrySet()) {
            String queue = entry.getKey();
            assertPlausible(entry.getValue(), "obsaga_messaging_queue_time_seconds", "queue=\"" + queue + "\"");
            assertPlausible(entry.getValue(), "obsaga_messaging_process_duration_seconds", "outcome=\"ack\",queue=\"" + queue + "\"");
            assertTrue(sumOf(entry.getValue(), "obsaga_messaging_consume_total\\{outcome=\"ack\",queue=\"" + Pattern.quote(queue)
                    + "\",[^}]*}") >= 1, queue);
        }
        assertTrue(value(orders, "http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",service=\"orders\",status=\"202\",uri=\"/orders\"}") >= accepted);
        assertTrue(sumOf(orders, "http_server_requests_seconds_bucket\\{[^}]*uri=\"/orders\",le=\"0.3\"}") >= 1,
                "the 300 ms SLO is a bucket boundary");
        // gRPC on the HTTP port: the server side is measured as HTTP requests on the gRPC method's path.
        assertTrue(sumOf(customers, "http_server_requests_seconds_count\\{[^}]*uri=\"/obsaga.customers.v1.Customers/GetCustomer\"}") >= accepted);
        // Once per customer it does not remember yet (known-customers cache), not once per order.
        assertTrue(sumOf(orders, "grpc_client_processing_duration_seconds_count\\{[^}]*grpc_service=\"obsaga.customers.v1.Customers\",[^}]*statusCode=\"OK\"}") >= 1);

        Set<String> exemplarTraces = new HashSet<>();
        Matcher exemplar = Pattern.compile("trace_id=\"([0-9a-f]{32})\"").matcher(String.join("\n", scrapes.values()));
        while (exemplar.find()) {
            exemplarTraces.add(exemplar.group(1));
        }
        assertTrue(exemplarTraces.stream().anyMatch(otlp.traces()::containsKey),
                "an exemplar points at a trace the receiver holds");

        for (var entry : scrapes.entrySet()) {
            long series = entry.getValue().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            assertTrue(series <= SERIES_BUDGET, entry.getKey() + " exposes " + series + " series");
            assertTrue(entry.getValue().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .allMatch(l -> l.contains("service=\"" + entry.getKey().module() + "\"")),
                    entry.getKey() + ": every series has the service label");
        }
    }

    private static void assertPlausible(String scrape, String histogram, String labels) {
        String match = "\\{" + Pattern.quote(labels) + "[^}]*}";
        double count = sumOf(scrape, histogram + "_count" + match);
        double sum = sumOf(scrape, histogram + "_sum" + match);
        assertTrue(count > 0, histogram + " " + labels + " has no samples");
        double mean = sum / count;
        assertTrue(mean > 0 && mean < 5, histogram + " " + labels + " mean " + mean + " s is not plausible");
    }

    private static double value(String scrape, String seriesRegex) {
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)").matcher(scrape);
        assertTrue(m.find(), "missing series " + seriesRegex);
        return Double.parseDouble(m.group(1));
    }

    private static double sumOf(String scrape, String seriesRegex) {
        Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([0-9.eE+-]+)").matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        assertTrue(found, "missing series " + seriesRegex);
        return sum;
    }
}
