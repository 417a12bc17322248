package dev.obsaga.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.obsaga.infra.DashboardDataChecker.Problem;
import dev.obsaga.testsupport.OtlpReceiver;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * The observability stack against the real services: the four packaged services (SagaProcesses: infra-tests' own
 * ports, database and vhost), Debian's Prometheus scraping their management ports and RabbitMQ's
 * per-object metrics and evaluating the converted alert rules (pending periods shortened to 2 s), Debian's
 * Alertmanager routing them with the converted Slack receiver to a Slack-compatible sink in this test.
 * <ol>
 * <li>under a standard load every query of every dashboard panel returns data and every metric a dashboard or an
 * alert rule names exists;</li>
 * <li>a renamed metric makes the very same check fail;</li>
 * <li>a failing payment provider (payments' fault knob) delivers PaymentFailuresHigh, and its resolution;</li>
 * <li>poison messages (orders' fault knob) deliver DeadLetterMessages, resolved once the DLQ is purged;</li>
 * <li>stopping payments delivers ServiceDown, QueueWithoutConsumer and OrdersStuckPending to "Slack" with their
 * runbook links, and restarting it delivers the resolved messages.</li>
 * </ol>
 * Every dashboard query is checked against job names that differ from the compose stack's, as a Kubernetes
 * ServiceMonitor would name them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityStackIT {

    /** Job names as a prometheus-operator ServiceMonitor writes them: no query may depend on ours. */
    static final String SERVICES_JOB = "serviceMonitor/obsaga/obsaga-services/0";
    static final String RABBITMQ_JOB = "serviceMonitor/obsaga/rabbitmq/0";
    static final String COLLECTOR_JOB = "serviceMonitor/obsaga/otel-collector/0";

    OtlpReceiver otlp;
    CollectorMetricsStub collector;
    SagaProcesses saga;
    AlertingStack stack;

    @BeforeAll
    void startStack() {
        ensureRabbitMqPrometheusEndpoint();
        IsolatedSagaInfrastructure.reset();
        otlp = new OtlpReceiver();
        collector = new CollectorMetricsStub();
        Map<String, String> environment = new LinkedHashMap<>(IsolatedSagaInfrastructure.serviceEnvironment());
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
        // assigned before starting, so that @AfterAll stops what did start when another service fails to
        saga = new SagaProcesses(Tools.target().resolve("service-logs/observability"), environment)
                .withEnvironment(SagaService.PAYMENTS, Map.of("OBSAGA_FAULTS_ENABLED", "true"));
        saga.startAll();
        Map<String, Object> rabbit = new LinkedHashMap<>();
        rabbit.put("job_name", RABBITMQ_JOB);
        rabbit.put("metrics_path", "/metrics/per-object");
        rabbit.put("scrape_interval", "2s");
        rabbit.put("static_configs", List.of(Map.of("targets", List.of(TestInfrastructure.RABBITMQ_HOST + ":15692"))));
        // The broker is shared: only this test's virtual host (and series without a vhost) count.
        rabbit.put("metric_relabel_configs", List.of(Map.of("source_labels", List.of("vhost"), "regex",
                "|" + IsolatedSagaInfrastructure.VHOST, "action", "keep")));
        stack = AlertingStack.start(Tools.freshDirectory("observability-it"), List.of(
                AlertingStack.servicesJob(SERVICES_JOB), rabbit, AlertingStack.staticJob(COLLECTOR_JOB,
                        collector.target())));
        stack.awaitTargetsUp(6);
    }

    @AfterAll
    void stopStack() {
        Tools.closeAll(stack, saga, otlp, collector);
    }

    @Test
    @Order(1)
    void everyDashboardQueryReturnsDataUnderAStandardLoad() {
        List<String> orders = SagaTraffic.standardLoadFinished(6, 24, 8);

        List<DashboardQueries.Query> queries = DashboardDataChecker.allQueries(Tools.repositoryRoot()
                .resolve("infra/grafana-dashboards"));
        assertTrue(queries.size() > 50, "the dashboards hold " + queries.size() + " queries");
        List<DashboardQueries.Query> alertQueries = alertQueries();
        DashboardDataChecker.QueryClient client = DashboardDataChecker.prometheus(stack.prometheusUrl);
        // Rates need two scrapes after the traffic: wait until the check passes, report the last problems if not.
        List<List<Problem>> last = new ArrayList<>();
        try {
            await("every dashboard query returns data").atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        List<Problem> problems = DashboardDataChecker.check(queries, client);
                        // the alert rules' metrics must exist too (their expressions are quiet when healthy)
                        for (Problem p : DashboardDataChecker.check(alertQueries, client)) {
                            if (!p.reason().equals("no data")) {
                                problems.add(p);
                            }
                        }
                        last.clear();
                        last.add(problems);
                        return problems.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(last.get(0).size() + " dashboard/alert queries without data:\n"
                    + last.get(0).stream().map(Problem::toString).collect(Collectors.joining("\n")), e);
        }
    }

    @Test
    @Order(2)
    void aRenamedMetricMakesTheCheckFail() {
        List<DashboardQueries.Query> renamed = DashboardDataChecker.allQueries(Tools.repositoryRoot()
                .resolve("infra/grafana-dashboards")).stream()
                .filter(q -> q.expr().contains("orders_placed_total"))
                .map(q -> new DashboardQueries.Query(q.dashboard(), q.panelId(), q.title(), q.refId(), q.raw(),
                        q.expr().replace("orders_placed_total", "orders_placed_renamed_total")))
                .toList();
        assertFalse(renamed.isEmpty());
        List<Problem> problems = DashboardDataChecker.check(renamed, DashboardDataChecker.prometheus(stack.prometheusUrl));
        assertTrue(problems.stream().anyMatch(p -> p.reason().contains("orders_placed_renamed_total")),
                problems.toString());
        // every panel reading the renamed metric is reported, none slips through
        assertEquals(renamed.size(), problems.stream().map(Problem::query).distinct().count(), problems.toString());
    }

    /**
     * The payment provider fails (payments' fault knob gateway-errors): orders end REJECTED with gateway_error,
     * PaymentFailuresHigh reaches Slack with its runbook, and resolves once payments succeed again. The rule's 5-minute
     * window also holds the standard load (32 payments, 8 declined): 60 failures make 68/92 fail, 60 successes
     * after the fault bring it to 68/152.
     */
    @Test
    @Order(4)
    void paymentProviderFailingAlertArrivesAndResolves() {
        stack.sink.clear();
        String faults = SagaService.PAYMENTS.managementUrl() + "/faults/gateway-errors";
        assertEquals(200, SagaTraffic.send("PUT", faults, "{\"rate\":1.0}").status(), "fault knob of payments");
        try {
            String customer = SagaTraffic.registerCustomer();
            List<String> failing = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                failing.add(SagaTraffic.placeOrder(customer, SagaTraffic.APPROVING_CARD));
            }
            await("orders rejected by the failing provider").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> failing.stream().noneMatch(id -> "PENDING".equals(SagaTraffic.orderStatus(id))));
            assertEquals("gateway_error", SagaTraffic.send("GET", SagaService.ORDERS.baseUrl() + "/orders/"
                    + failing.get(0), null).body().path("rejectionReason").asText());
            stack.awaitAlert("PaymentFailuresHigh", "FIRING", Duration.ofSeconds(60), "runbooks/payment-failures-high.md");
        } finally {
            SagaTraffic.send("DELETE", faults, null);
        }
        String customer = SagaTraffic.registerCustomer();
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            healthy.add(SagaTraffic.placeOrder(customer, SagaTraffic.APPROVING_CARD));
        }
        await("orders confirmed again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> healthy.stream().allMatch(id -> "CONFIRMED".equals(SagaTraffic.orderStatus(id))));
        stack.awaitAlert("PaymentFailuresHigh", "RESOLVED", Duration.ofSeconds(60));
    }

    /**
     * Unreadable messages (orders' fault knob poison-messages) are dead-lettered by payments at once:
     * DeadLetterMessages reaches Slack with its runbook, and resolves when an operator has emptied the queue.
     */
    @Test
    @Order(5)
    void deadLetteredMessagesAlertArrivesAndResolvesOncePurged() throws Exception {
        stack.sink.clear();
        String faults = SagaService.ORDERS.managementUrl() + "/faults/poison-messages";
        assertEquals(200, SagaTraffic.send("PUT", faults, "{\"count\":3}").status(), "fault knob of orders");
        SagaTraffic.send("DELETE", faults, null);
        stack.awaitAlert("DeadLetterMessages", "FIRING", Duration.ofSeconds(60), "payments.order-created.dlq",
                "runbooks/dead-letter-messages.md");
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(TestInfrastructure.RABBITMQ_HOST);
        factory.setPort(TestInfrastructure.RABBITMQ_PORT);
        factory.setVirtualHost(IsolatedSagaInfrastructure.VHOST);
        try (var connection = factory.newConnection("infra-tests"); var channel = connection.createChannel()) {
            assertTrue(channel.messageCount("payments.order-created.dlq") >= 3);
            channel.queuePurge("payments.order-created.dlq");
        }
        stack.awaitAlert("DeadLetterMessages", "RESOLVED", Duration.ofSeconds(60));
    }

    @Test
    @Order(6)
    void paymentsDownAlertsArriveInSlackWithRunbooksAndResolve() {
        stack.sink.clear();
        saga.stop(SagaService.PAYMENTS);
        String customer = SagaTraffic.registerCustomer();
        List<String> stuck = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stuck.add(SagaTraffic.placeOrder(customer, SagaTraffic.APPROVING_CARD));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ServiceDown", "runbooks/service-down.md");
        expected.put("QueueWithoutConsumer", "runbooks/queue-without-consumer.md");
        expected.put("OrdersStuckPending", "runbooks/orders-stuck-pending.md");
        await("firing alerts in Slack").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> expected.forEach((alert, runbook) -> stack.assertAlert(alert, "FIRING", runbook, "Dashboard: http")));
        SlackSink.Message down = stack.sink.messages().stream().filter(m -> m.text().contains("*ServiceDown*")).findFirst()
                .orElseThrow();
        assertTrue(down.title().contains("ServiceDown (payments)"), down.title());
        assertTrue(stack.sink.messages().stream().anyMatch(m -> m.text().contains("payments.order-created")), stack.titles());
        assertTrue(Tools.repositoryRoot().resolve("docs/runbooks/service-down.md").toFile().isFile());

        saga.start(SagaService.PAYMENTS);
        await("resolved messages in Slack").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> expected.keySet().forEach(alert -> stack.assertAlert(alert, "RESOLVED")));
        await("the stuck orders complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> stuck.stream().noneMatch(id -> "PENDING".equals(SagaTraffic.orderStatus(id))));
    }

    private static List<DashboardQueries.Query> alertQueries() {
        return AlertRulesConverter.rules(AlertRulesConverter.read(Tools.infra().resolve("alert-rules.yml"))).stream()
                .map(r -> new DashboardQueries.Query("alert-rules", 0, r.alert(), "expr", r.expr(), r.expr()))
                .toList();
    }

    private static void ensureRabbitMqPrometheusEndpoint() {
        String url = "http://" + TestInfrastructure.RABBITMQ_HOST + ":15692/metrics";
        if (SagaProcesses.status(url) == 200) {
            return;
        }
        Tools.Result enable;
        try {
            enable = Tools.run(120, Tools.repositoryRoot(), "rabbitmq-plugins", "enable", "rabbitmq_prometheus");
        } catch (RuntimeException e) {
            throw new AssertionError("RabbitMQ's Prometheus endpoint " + url + " is off and rabbitmq-plugins is not "
                    + "available to switch it on: run `rabbitmq-plugins enable rabbitmq_prometheus` on the broker", e);
        }
        if (enable.exitCode() != 0) {
            throw new AssertionError("rabbitmq-plugins enable rabbitmq_prometheus failed:\n" + enable.output());
        }
        await("RabbitMQ Prometheus endpoint").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> SagaProcesses.status(url) == 200);
    }
}
