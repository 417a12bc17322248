package dev.obsaga.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import dev.obsaga.infra.DashboardDataChecker.Problem;
import dev.obsaga.testsupport.OtlpReceiver;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.ServiceHttp;

/**
 * The telemetry pipeline end to end, without the broker's metrics (so the shared RabbitMQ is never reconfigured):
 * the four packaged services exporting to an OTLP receiver, Debian's Prometheus 2.42 with a default scrape config
 * under job names that are not ours, and the collector's metrics endpoint as a {@link CollectorMetricsStub}.
 * <ol>
 * <li>Prometheus stores exemplars, negotiated from its default Accept header, whose trace ids the receiver holds;</li>
 * <li>every query of the telemetry-pipeline dashboard returns data;</li>
 * <li>the OTLP endpoint stopping delivers TelemetryExportFailing to "Slack" with its runbook, and its coming back
 * the resolved message.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelemetryPipelineIT {

    private static final HttpClient SCRAPER = ServiceHttp.client(Duration.ofSeconds(5));

    OtlpReceiver otlp;
    CollectorMetricsStub collector;
    SagaProcesses saga;
    AlertingStack stack;

    @BeforeAll
    void start() {
        IsolatedSagaInfrastructure.reset();
        otlp = new OtlpReceiver(Tools.freePort());
        collector = new CollectorMetricsStub();
        Map<String, String> environment = new LinkedHashMap<>(IsolatedSagaInfrastructure.serviceEnvironment());
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint());
        environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
        saga = new SagaProcesses(Tools.target().resolve("service-logs/telemetry-pipeline"), environment);
        saga.startAll();
        stack = AlertingStack.start(Tools.freshDirectory("telemetry-pipeline-it"), List.of(
                AlertingStack.servicesJob("kubernetes-pods"),
                AlertingStack.staticJob("serviceMonitor/monitoring/otelcol/0", collector.target())));
        stack.awaitTargetsUp(5);
    }

    @AfterAll
    void stop() {
        Tools.closeAll(stack, saga, otlp, collector);
    }

    @Test
    @Order(1)
    void prometheus242WithADefaultScrapeConfigStoresExemplarsOfExportedTraces() {
        List<String> orders = SagaTraffic.standardLoadFinished(3, 12, 4);
        String metricsUrl = SagaService.ORDERS.managementUrl() + "/q/metrics";
        for (String accept : List.of(PrometheusAccept.PROMETHEUS_2_DEFAULT, "application/openmetrics-text")) {
            HttpResponse<String> scrape = scrape(metricsUrl, accept);
            assertEquals(200, scrape.statusCode(), accept);
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text")
                    && scrape.body().contains("trace_id="), "no exemplar in the answer to Accept: " + accept);
        }
        long from = Instant.now().minusSeconds(900).getEpochSecond();
        await("exemplars stored by Prometheus that name exported traces").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    List<String> traceIds = new ArrayList<>();
                    stack.api("/api/v1/query_exemplars?query=" + AlertingStack.enc("http_server_requests_seconds_bucket")
                            + "&start=" + from + "&end=" + (Instant.now().getEpochSecond() + 60)).forEach(series ->
                            series.path("exemplars").forEach(e -> traceIds.add(e.path("labels").path("trace_id")
                                    .asText())));
                    assertFalse(traceIds.isEmpty(), "no exemplar stored");
                    assertTrue(traceIds.stream().anyMatch(otlp.traces()::containsKey),
                            "no stored exemplar names a received trace: " + traceIds);
                });
    }

    @Test
    @Order(2)
    void everyQueryOfThePipelineDashboardReturnsData() {
        List<DashboardQueries.Query> queries = DashboardQueries.queries(DashboardQueries.read(Tools.infra()
                .resolve("grafana-dashboards/obsaga-pipeline.json")));
        assertTrue(queries.size() >= 10, queries.toString());
        DashboardDataChecker.QueryClient client = DashboardDataChecker.prometheus(stack.prometheusUrl);
        List<List<Problem>> last = new ArrayList<>(List.of(List.of()));
        try {
            await("every pipeline query returns data").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        last.set(0, DashboardDataChecker.check(queries, client));
                        return last.get(0).isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(last.get(0).stream().map(Problem::toString).collect(Collectors.joining("\n")), e);
        }
    }

    private static HttpResponse<String> scrape(String url, String accept) {
        try {
            return SCRAPER.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The OTLP endpoint stops answering (connections refused, as a collector that is down): the services' exporters
     * fail, TelemetryExportFailing reaches Slack with its runbook; once the endpoint answers again the alert
     * resolves (its 2-minute window must pass without a failure).
     */
    @Test
    @Order(3)
    void pipelineAlertFiresWhenTheOtlpEndpointStopsAnsweringAndResolvesWhenItIsBack() {
        stack.sink.clear();
        otlp.stop();
        try {
            String customer = SagaTraffic.registerCustomer();
            await("TelemetryExportFailing FIRING while the endpoint is down").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                        SagaTraffic.placeOrder(customer, SagaTraffic.APPROVING_CARD);
                        stack.assertAlert("TelemetryExportFailing", "FIRING", "runbooks/telemetry-export-failing.md");
                    });
        } finally {
            otlp.start();
        }
        int received = otlp.spans().size();
        SagaTraffic.placeOrder(SagaTraffic.registerCustomer(), SagaTraffic.APPROVING_CARD);
        await("spans arrive again").atMost(Duration.ofSeconds(30)).until(() -> otlp.spans().size() > received);
        stack.awaitAlert("TelemetryExportFailing", "RESOLVED", Duration.ofMinutes(4));
    }
}
