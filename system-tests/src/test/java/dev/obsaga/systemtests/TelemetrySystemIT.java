package dev.obsaga.systemtests;

import static dev.obsaga.systemtests.SagaClient.APPROVING_CARD;
import static dev.obsaga.systemtests.SagaClient.DECLINING_CARD;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

import dev.obsaga.testsupport.OtlpReceiver;
import dev.obsaga.testsupport.OtlpReceiver.ReceivedSpan;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * The three pillars, proven on the packaged services: each order is one connected trace across the four
 * services, its log lines carry that trace id, and the metrics (with exemplars) are there and plausible.
 */
class TelemetrySystemIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int SERIES_BUDGET = 1500;
    static final ObjectMapper JSON = new ObjectMapper();

    static OtlpReceiver otlp;
    static SagaProcesses services;
    static final Map<String, String> ORDERS = new LinkedHashMap<>(); // order id -> final status
    static final List<String> EMAILS = new ArrayList<>();

    @BeforeAll
    static void runOrders() {
        TestInfrastructure.resetTestDatabase();
        TestInfrastructure.purgeQueues();
        otlp = new OtlpReceiver();
        services = new SagaProcesses(Path.of("target", "service-logs", "telemetry"), Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms")).startAll();

        for (int i = 0; i < 3; i++) {
            String email = SagaClient.uniqueEmail("tele" + i);
            EMAILS.add(email);
            String customerId = SagaClient.registerCustomer("Tele " + i, email);
            for (String card : List.of(APPROVING_CARD, DECLINING_CARD)) {
                String orderId = SagaClient.placeOrder(customerId, card).then().statusCode(202).extract().path("id");
                ORDERS.put(orderId, card.equals(APPROVING_CARD) ? "CONFIRMED" : "REJECTED");
            }
        }
        for (var order : ORDERS.entrySet()) {
            await().atMost(WAIT).until(() -> order.getValue().equals(SagaClient.status(order.getKey())));
        }
        for (String orderId : ORDERS.keySet()) {
            await().atMost(WAIT).until(() -> SagaClient.notificationsOfOrder(orderId).then().extract()
                    .<Integer>path("size()") == 1);
        }
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    static String traceOf(String orderId) {
        await().atMost(WAIT).until(() -> otlp.spans().stream()
                .anyMatch(s -> orderId.equals(s.attributes().get("order.id"))));
        return otlp.spans().stream().filter(s -> orderId.equals(s.attributes().get("order.id"))).findFirst()
                .orElseThrow().traceId();
    }

    @Test
    void eachOrderIsOneConnectedTraceThroughEveryServiceAndEveryHop() {
        for (String orderId : ORDERS.keySet()) {
            String traceId = traceOf(orderId);
            // The notification's gRPC lookup is the last hop: wait until its spans are exported too.
            await().atMost(WAIT).untilAsserted(() -> assertTrue(otlp.trace(traceId).stream().anyMatch(s ->
                    s.service().equals("notifications") && s.kind().equals("SPAN_KIND_CLIENT")),
                    "notifications' gRPC client span of " + orderId));
            await().atMost(WAIT).untilAsserted(() -> assertConnected(orderId, otlp.trace(traceId)));
        }
    }

    private static void assertConnected(String orderId, List<ReceivedSpan> trace) {
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> roots = trace.stream().filter(ReceivedSpan::isRoot).toList();
        assertEquals(1, roots.size(), orderId + ": one root, got " + describe(roots));
        assertEquals("SPAN_KIND_SERVER", roots.get(0).kind(), orderId + ": the root is the HTTP request");
        for (ReceivedSpan span : trace) {
            assertTrue(span.isRoot() || ids.contains(span.parentSpanId()),
                    orderId + ": parent of " + span.name() + " missing in " + describe(trace));
        }
        Set<String> services = trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
        assertEquals(Set.of("customers", "orders", "payments", "notifications"), services, orderId);
        assertHas(trace, "orders", "SPAN_KIND_SERVER", "POST", orderId);
        assertHas(trace, "orders", "SPAN_KIND_CLIENT", "GetCustomer", orderId);
        assertHas(trace, "customers", "SPAN_KIND_SERVER", "GetCustomer", orderId);
        assertHas(trace, "orders", "SPAN_KIND_PRODUCER", "orders", orderId);
        assertHas(trace, "payments", "SPAN_KIND_CONSUMER", "payments.order-created", orderId);
        assertHas(trace, "payments", "SPAN_KIND_PRODUCER", "payments", orderId);
        assertHas(trace, "orders", "SPAN_KIND_CONSUMER", "orders.payment-results", orderId);
        assertHas(trace, "notifications", "SPAN_KIND_CONSUMER", "notifications.order-outcomes", orderId);
        assertHas(trace, "notifications", "SPAN_KIND_CLIENT", "GetCustomer", orderId);
        ReceivedSpan process = trace.stream().filter(s -> s.name().equals("payments.order-created process"))
                .findFirst().orElseThrow();
        assertEquals(orderId, process.attributes().get("order.id"));
        assertTrue(process.attributes().containsKey("customer.id") && process.attributes().containsKey("amount")
                && "EUR".equals(process.attributes().get("currency")), process.attributes().toString());
        assertTrue(process.events().containsAll(List.of("event.handling.started", "event.handling.completed")));
        for (ReceivedSpan span : trace) {
            String text = span.attributes().toString();
            assertFalse(text.contains("4242424242424242") || text.contains("@example.org"), "span leaks: " + text);
        }
    }

    private static void assertHas(List<ReceivedSpan> trace, String service, String kind, String nameContains,
            String orderId) {
        assertTrue(trace.stream().anyMatch(s -> s.service().equals(service) && s.kind().equals(kind)
                && s.name().contains(nameContains)),
                orderId + ": no " + kind + " span '" + nameContains + "' from " + service + " in " + describe(trace));
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.kind().replace("SPAN_KIND_", "") + ":" + s.name())
                .toList().toString();
    }

    @Test
    void everyLogLineAboutAnOrderCarriesItsTraceIdAndNoLineLeaksPersonalData() throws Exception {
        for (String orderId : ORDERS.keySet()) {
            String traceId = traceOf(orderId);
            int lines = 0;
            for (SagaService service : SagaService.values()) {
                for (String line : services.logLines(service)) {
                    if (!line.contains(orderId)) {
                        continue;
                    }
                    JsonNode json = JSON.readTree(line);
                    assertEquals(traceId, json.path("mdc").path("traceId").asText(), service + ": " + line);
                    assertEquals(service.module(), json.path("service").asText());
                    assertFalse(json.path("version").asText().isEmpty());
                    lines++;
                }
            }
            assertTrue(lines >= 3, orderId + " should be logged by orders, payments and notifications: " + lines);
        }
        for (SagaService service : SagaService.values()) {
            for (String line : services.logLines(service)) {
                assertFalse(line.replace(" ", "").contains("4242424242424242")
                        || line.replace(" ", "").contains("4000000000000002"), service + " logs a card: " + line);
                for (String email : EMAILS) {
                    assertFalse(line.contains(email), service + " logs an e-mail: " + line);
                }
                assertFalse(line.contains("/q/health") || line.contains("/q/metrics"),
                        service + " logs a probe or scrape: " + line);
            }
        }
    }

    @Test
    void theMetricsAreThereWithPlausibleValuesExemplarsAndWithinTheSeriesBudget() {
        Map<SagaService, String> scrapes = new LinkedHashMap<>();
        for (SagaService service : SagaService.values()) {
            scrapes.put(service, given().header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                    .get(service.managementUrl() + "/q/metrics").then().statusCode(200).extract().asString());
        }
        String orders = scrapes.get(SagaService.ORDERS);
        String payments = scrapes.get(SagaService.PAYMENTS);
        String customers = scrapes.get(SagaService.CUSTOMERS);
        String notifications = scrapes.get(SagaService.NOTIFICATIONS);

        assertTrue(value(orders, "orders_placed_total\\{service=\"orders\"}") >= 6);
        assertTrue(value(orders, "orders_completed_total\\{service=\"orders\",status=\"CONFIRMED\"}") >= 3);
        assertTrue(value(orders, "orders_completed_total\\{service=\"orders\",status=\"REJECTED\"}") >= 3);
        assertTrue(value(orders, "order_saga_duration_seconds_count\\{service=\"orders\"}") >= 6);
        assertTrue(value(payments, "payments_total\\{outcome=\"succeeded\",service=\"payments\"}") >= 3);
        assertTrue(value(payments, "payments_total\\{outcome=\"failed\",service=\"payments\"}") >= 3);
        assertTrue(value(payments, "payments_amount_total\\{currency=\"EUR\",service=\"payments\"}") >= 75.0);
        assertTrue(value(customers, "customers_registered_total\\{service=\"customers\"}") >= 3);
        assertTrue(value(notifications, "notifications_sent_total\\{outcome=\"sent\",service=\"notifications\",type=\"ORDER_CONFIRMED\"}") >= 3);

        for (var entry : Map.of("orders", orders, "payments", payments, "customers", customers).entrySet()) {
            String exchange = entry.getKey();
            assertTrue(sumOf(entry.getValue(), "obsaga_messaging_publish_total\\{exchange=\"" + exchange
                    + "\",outcome=\"success\",[^}]*}") >= 3, exchange);
            assertPlausible(entry.getValue(), "obsaga_messaging_publish_duration_seconds", "exchange=\"" + exchange + "\"");
        }
        for (var entry : Map.of("payments.order-created", payments, "orders.payment-results", orders,
                "notifications.order-outcomes", notifications, "notifications.customer-events", notifications).entrySet()) {
            String queue = entry.getKey();
            assertPlausible(entry.getValue(), "obsaga_messaging_queue_time_seconds", "queue=\"" + queue + "\"");
            assertPlausible(entry.getValue(), "obsaga_messaging_process_duration_seconds", "outcome=\"ack\",queue=\"" + queue + "\"");
            assertTrue(sumOf(entry.getValue(), "obsaga_messaging_consume_total\\{outcome=\"ack\",queue=\"" + Pattern.quote(queue)
                    + "\",[^}]*}") >= 3, queue);
        }
        assertTrue(value(orders, "http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",service=\"orders\",status=\"202\",uri=\"/orders\"}") >= 6);
        assertTrue(sumOf(orders, "http_server_requests_seconds_bucket\\{[^}]*uri=\"/orders\",le=\"0.3\"}") >= 1,
                "the 300 ms SLO is a bucket boundary");
        // gRPC on the HTTP port: the server side is measured as HTTP requests on the gRPC method's path.
        assertTrue(sumOf(customers, "http_server_requests_seconds_count\\{[^}]*uri=\"/obsaga.customers.v1.Customers/GetCustomer\"}") >= 6);
        assertTrue(sumOf(orders, "grpc_client_processing_duration_seconds_count\\{[^}]*grpc_service=\"obsaga.customers.v1.Customers\",[^}]*statusCode=\"OK\"}") >= 6);

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
