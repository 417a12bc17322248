package dev.obsaga.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter.PrometheusOptions;
import dev.obsaga.infra.DashboardDataChecker.Problem;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * The observability stack against the real services: the four packaged services (SagaProcesses: ports 8181-8184 /
 * 9181-9184, test database and vhost), Debian's Prometheus scraping their management ports and RabbitMQ's
 * per-object metrics and evaluating the converted alert rules (pending periods shortened to 2 s), Debian's
 * Alertmanager routing them with the converted Slack receiver to a Slack-compatible sink in this test.
 * <ol>
 * <li>under a standard load every query of every dashboard panel returns data and every metric a dashboard or an
 * alert rule names exists;</li>
 * <li>a renamed metric makes the very same check fail;</li>
 * <li>the compose Prometheus' scrape_protocols get exemplars (trace ids) from the services;</li>
 * <li>a failing payment provider (payments' fault knob) delivers PaymentFailuresHigh, and its resolution;</li>
 * <li>poison messages (orders' fault knob) deliver DeadLetterMessages, resolved once the DLQ is purged;</li>
 * <li>stopping payments delivers ServiceDown, QueueWithoutConsumer and OrdersStuckPending to "Slack" with their
 * runbook links, and restarting it delivers the resolved messages.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityStackIT {

    /** Short for quick alerts, not shorter: on a busy 2-core machine a scrape can take over a second. */
    static final Duration SCRAPE = Duration.ofSeconds(2);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Path work;
    SagaProcesses saga;
    SlackSink sink;
    ManagedProcess alertmanager;
    ManagedProcess prometheus;
    String prometheusUrl;
    String alertmanagerUrl;

    @BeforeAll
    void startStack() {
        String prometheusBinary = Tools.prometheus();
        String alertmanagerBinary = Tools.alertmanager();
        work = Tools.freshDirectory("observability-it");
        ensureRabbitMqPrometheusEndpoint();
        IsolatedSagaInfrastructure.reset();

        JsonNode source = AlertRulesConverter.read(Tools.infra().resolve("alert-rules.yml"));
        sink = SlackSink.start();
        int amPort = Tools.freePort();
        alertmanagerUrl = "http://127.0.0.1:" + amPort;
        Path am = work.resolve("alertmanager");
        Tools.write(am.resolve("alertmanager.yml"), AlertRulesConverter.alertmanagerConfig(source, sink.url(), am,
                Map.of("group_wait", "1s", "group_interval", "1s", "repeat_interval", "1h")));
        Tools.write(am.resolve(AlertRulesConverter.TEMPLATE_FILE), AlertRulesConverter.template(source));
        alertmanager = ManagedProcess.start("alertmanager", am.resolve("alertmanager.log"), List.of(alertmanagerBinary,
                "--config.file=" + am.resolve("alertmanager.yml"), "--storage.path=" + am.resolve("data"),
                "--web.listen-address=127.0.0.1:" + amPort, "--cluster.listen-address="));
        awaitReady(alertmanager, alertmanagerUrl + "/-/ready");

        // assigned before starting, so that @AfterAll stops what did start when another service fails to
        saga = new SagaProcesses(Tools.target().resolve("service-logs/observability"),
                IsolatedSagaInfrastructure.serviceEnvironment())
                .withEnvironment(SagaService.PAYMENTS, Map.of("OBSAGA_FAULTS_ENABLED", "true"));
        saga.startAll();

        int promPort = Tools.freePort();
        prometheusUrl = "http://127.0.0.1:" + promPort;
        Path prom = work.resolve("prometheus");
        Tools.write(prom.resolve("rules/obsaga-alerts.yml"), AlertRulesConverter.prometheusRules(source,
                PrometheusOptions.fast("2s", "1s")));
        Tools.write(prom.resolve("prometheus.yml"), prometheusConfig(prom, amPort));
        Tools.Result check = Tools.run(60, prom, Tools.promtool(), "check", "config", prom.resolve("prometheus.yml")
                .toString());
        assertEquals(0, check.exitCode(), check.output());
        prometheus = ManagedProcess.start("prometheus", prom.resolve("prometheus.log"), List.of(prometheusBinary,
                "--config.file=" + prom.resolve("prometheus.yml"), "--storage.tsdb.path=" + prom.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort, "--enable-feature=exemplar-storage"));
        awaitReady(prometheus, prometheusUrl + "/-/ready");
        await("every scrape target scraped").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(5, query("max_over_time(up[1m]) == 1").size(),
                        "targets: " + query("up")));
    }

    @AfterAll
    void stopStack() {
        if (sink != null && work != null) {
            // what "Slack" received, for reading after the run
            Tools.write(work.resolve("slack-messages.json"), sink.messages().stream().map(SlackSink.Message::raw)
                    .collect(Collectors.joining(",\n", "[\n", "\n]\n")));
        }
        for (AutoCloseable c : new AutoCloseable[] { prometheus, saga, alertmanager, sink }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }

    @Test
    @Order(1)
    void everyDashboardQueryReturnsDataUnderAStandardLoad() {
        List<String> orders = SagaTraffic.standardLoad(6, 24, 8);
        await("every order final").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> orders.stream().noneMatch(id -> "PENDING".equals(SagaTraffic.orderStatus(id))));

        List<DashboardQueries.Query> queries = DashboardDataChecker.allQueries(Tools.repositoryRoot()
                .resolve("infra/grafana-dashboards"));
        assertTrue(queries.size() > 50, "the dashboards hold " + queries.size() + " queries");
        List<DashboardQueries.Query> alertQueries = alertQueries();
        DashboardDataChecker.QueryClient client = DashboardDataChecker.prometheus(prometheusUrl);
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
        List<Problem> problems = DashboardDataChecker.check(renamed, DashboardDataChecker.prometheus(prometheusUrl));
        assertTrue(problems.stream().anyMatch(p -> p.reason().contains("orders_placed_renamed_total")),
                problems.toString());
        // every panel reading the renamed metric is reported, none slips through
        assertEquals(renamed.size(), problems.stream().map(Problem::query).distinct().count(), problems.toString());
    }

    /**
     * Exemplars (trace_id of a request next to its histogram bucket) exist only in OpenMetrics, and Quarkus answers
     * the text format whenever the Accept header names text/plain, as Prometheus 2.42's default does. The compose
     * Prometheus therefore asks for OpenMetrics only (scrape_protocols): the header it sends for the services' job
     * of infra/prometheus/prometheus.yml gets exemplars from the real service, Prometheus' default does not.
     */
    @Test
    @Order(3)
    void theComposeScrapeProtocolsGetExemplarsFromTheServices() throws java.io.IOException {
        JsonNode config = AlertRulesConverter.YAML.readTree(Tools.infra().resolve("prometheus/prometheus.yml").toFile());
        JsonNode job = null;
        for (JsonNode j : config.path("scrape_configs")) {
            if ("obsaga-services".equals(j.path("job_name").asText())) {
                job = j;
            }
        }
        assertTrue(job != null, "job obsaga-services in prometheus.yml");
        List<String> protocols = new ArrayList<>();
        job.path("scrape_protocols").forEach(p -> protocols.add(p.asText()));
        String composeAccept = PrometheusAccept.header(protocols);
        String metricsUrl = SagaService.ORDERS.managementUrl() + "/q/metrics";
        String withCompose = scrape(metricsUrl, composeAccept);
        assertTrue(withCompose.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket")
                && l.contains("# {") && l.contains("trace_id=")),
                "no exemplar in the answer to Accept: " + composeAccept);
        String withDefault = scrape(metricsUrl, PrometheusAccept.PROMETHEUS_2_DEFAULT);
        assertFalse(withDefault.contains("trace_id="), "Prometheus' default Accept is answered in text 0.0.4, "
                + "without exemplars: if this changed, scrape_protocols may be relaxed");
    }

    private static String scrape(String url, String accept) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "Accept: " + accept);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        sink.clear();
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
            await("PaymentFailuresHigh in Slack").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertTrue(sink.messages().stream().anyMatch(m -> m.title().startsWith("[FIRING")
                            && m.text().contains("*PaymentFailuresHigh*")
                            && m.text().contains("runbooks/payment-failures-high.md")),
                            "PaymentFailuresHigh not received; got: " + titles()));
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
        await("PaymentFailuresHigh resolved").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertTrue(sink.messages().stream()
                        .anyMatch(m -> m.text().contains("*RESOLVED* *PaymentFailuresHigh*")),
                        "PaymentFailuresHigh resolved not received; got: " + titles()));
    }

    /**
     * Unreadable messages (orders' fault knob poison-messages) are dead-lettered by payments at once:
     * DeadLetterMessages reaches Slack with its runbook, and resolves when an operator has emptied the queue.
     */
    @Test
    @Order(5)
    void deadLetteredMessagesAlertArrivesAndResolvesOncePurged() throws Exception {
        sink.clear();
        String faults = SagaService.ORDERS.managementUrl() + "/faults/poison-messages";
        assertEquals(200, SagaTraffic.send("PUT", faults, "{\"count\":3}").status(), "fault knob of orders");
        SagaTraffic.send("DELETE", faults, null);
        await("DeadLetterMessages in Slack").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertTrue(sink.messages().stream().anyMatch(m -> m.title().startsWith("[FIRING")
                        && m.text().contains("*DeadLetterMessages*") && m.text().contains("payments.order-created.dlq")
                        && m.text().contains("runbooks/dead-letter-messages.md")),
                        "DeadLetterMessages not received; got: " + titles()));
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(TestInfrastructure.RABBITMQ_HOST);
        factory.setPort(TestInfrastructure.RABBITMQ_PORT);
        factory.setVirtualHost(IsolatedSagaInfrastructure.VHOST);
        try (var connection = factory.newConnection("infra-tests"); var channel = connection.createChannel()) {
            assertTrue(channel.messageCount("payments.order-created.dlq") >= 3);
            channel.queuePurge("payments.order-created.dlq");
        }
        await("DeadLetterMessages resolved").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertTrue(sink.messages().stream()
                        .anyMatch(m -> m.text().contains("*RESOLVED* *DeadLetterMessages*")),
                        "DeadLetterMessages resolved not received; got: " + titles()));
    }

    @Test
    @Order(6)
    void paymentsDownAlertsArriveInSlackWithRunbooksAndResolve() {
        sink.clear();
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
                .untilAsserted(() -> expected.forEach((alert, runbook) -> assertTrue(sink.messages().stream()
                        .anyMatch(m -> m.title().startsWith("[FIRING") && m.text().contains("*" + alert + "*")
                                && m.text().contains(runbook) && m.text().contains("Dashboard: http")),
                        alert + " firing with " + runbook + " not received; got: " + titles())));
        SlackSink.Message down = sink.messages().stream().filter(m -> m.text().contains("*ServiceDown*")).findFirst()
                .orElseThrow();
        assertTrue(down.title().contains("ServiceDown (payments)"), down.title());
        assertTrue(sink.messages().stream().anyMatch(m -> m.text().contains("payments.order-created")), titles());
        assertTrue(Tools.repositoryRoot().resolve("docs/runbooks/service-down.md").toFile().isFile());

        saga.start(SagaService.PAYMENTS);
        await("resolved messages in Slack").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> expected.keySet().forEach(alert -> assertTrue(sink.messages().stream()
                        .anyMatch(m -> m.text().contains("*RESOLVED* *" + alert + "*")),
                        alert + " resolved not received; got: " + titles())));
        await("the stuck orders complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> stuck.stream().noneMatch(id -> "PENDING".equals(SagaTraffic.orderStatus(id))));
    }

    private String titles() {
        return sink.messages().stream().map(SlackSink.Message::title).toList().toString();
    }

    private static List<DashboardQueries.Query> alertQueries() {
        return AlertRulesConverter.rules(AlertRulesConverter.read(Tools.infra().resolve("alert-rules.yml"))).stream()
                .map(r -> new DashboardQueries.Query("alert-rules", 0, r.alert(), "expr", r.expr(), r.expr()))
                .toList();
    }

    private String prometheusConfig(Path dir, int alertmanagerPort) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", SCRAPE.toSeconds() + "s", "scrape_timeout",
                SCRAPE.toSeconds() + "s", "evaluation_interval", "1s"));
        config.put("rule_files", List.of(dir.resolve("rules/*.yml").toString()));
        config.put("alerting", Map.of("alertmanagers", List.of(Map.of("static_configs",
                List.of(Map.of("targets", List.of("127.0.0.1:" + alertmanagerPort)))))));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (SagaService s : SagaService.values()) {
            targets.add(Map.of("targets", List.of("127.0.0.1:" + s.managementPort()), "labels",
                    Map.of("service", s.module())));
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("job_name", "obsaga-services");
        services.put("metrics_path", "/q/metrics");
        services.put("honor_labels", true);
        services.put("static_configs", targets);
        Map<String, Object> rabbit = new LinkedHashMap<>();
        rabbit.put("job_name", "rabbitmq");
        rabbit.put("metrics_path", "/metrics/per-object");
        rabbit.put("scrape_interval", "2s");
        rabbit.put("static_configs", List.of(Map.of("targets", List.of(TestInfrastructure.RABBITMQ_HOST + ":15692"))));
        // The broker is shared: only this test's virtual host (and series without a vhost) count.
        rabbit.put("metric_relabel_configs", List.of(Map.of("source_labels", List.of("vhost"), "regex",
                "|" + IsolatedSagaInfrastructure.VHOST, "action", "keep")));
        config.put("scrape_configs", List.of(services, rabbit));
        try {
            return AlertRulesConverter.YAML.writeValueAsString(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    private static void awaitReady(ManagedProcess process, String readyUrl) {
        try {
            await(readyUrl).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited");
                }
                return SagaProcesses.status(readyUrl) == 200;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("not ready: " + readyUrl + "\n" + process.tail(), e);
        }
    }

    private JsonNode query(String promql) {
        return api("/api/v1/query?query=" + enc(promql)).path("result");
    }

    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = DashboardQueries.JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError(pathAndQuery + ": " + response.body());
            }
            return body.path("data");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
