package dev.obsaga.infra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter.PrometheusOptions;
import dev.obsaga.testsupport.ServiceHttp;

/**
 * Debian's Prometheus (2.42) evaluating the converted alert rules (pending periods shortened to 2 s) and Debian's
 * Alertmanager delivering them with the converted Slack receiver to a {@link SlackSink}: the machinery of the ITs
 * that prove alerts end to end. Prometheus runs with its defaults except the scrape configs it is given.
 */
final class AlertingStack implements AutoCloseable {

    /** Short for quick alerts, not shorter: on a busy 2-core machine a scrape can take over a second. */
    static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    final SlackSink sink;
    final String prometheusUrl;
    private final Path work;
    private final ManagedProcess alertmanager;
    private final ManagedProcess prometheus;

    private AlertingStack(Path work, SlackSink sink, ManagedProcess alertmanager, ManagedProcess prometheus,
            String prometheusUrl) {
        this.work = work;
        this.sink = sink;
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
        this.prometheusUrl = prometheusUrl;
    }

    static AlertingStack start(Path work, List<Map<String, Object>> scrapeConfigs) {
        String prometheusBinary = Tools.prometheus();
        String alertmanagerBinary = Tools.alertmanager();
        JsonNode source = AlertRulesConverter.read(Tools.infra().resolve("alert-rules.yml"));
        SlackSink sink = SlackSink.start();
        ManagedProcess alertmanager = null;
        try {
            int amPort = Tools.freePort();
            Path am = work.resolve("alertmanager");
            Tools.write(am.resolve("alertmanager.yml"), AlertRulesConverter.alertmanagerConfig(source, sink.url(), am,
                    Map.of("group_wait", "1s", "group_interval", "1s", "repeat_interval", "1h")));
            Tools.write(am.resolve(AlertRulesConverter.TEMPLATE_FILE), AlertRulesConverter.template(source));
            alertmanager = ManagedProcess.start("alertmanager", am.resolve("alertmanager.log"), List.of(
                    alertmanagerBinary, "--config.file=" + am.resolve("alertmanager.yml"), "--storage.path="
                            + am.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                    "--cluster.listen-address="));
            awaitReady(alertmanager, "http://127.0.0.1:" + amPort + "/-/ready");

            int promPort = Tools.freePort();
            Path prom = work.resolve("prometheus");
            Tools.write(prom.resolve("rules/obsaga-alerts.yml"), AlertRulesConverter.prometheusRules(source,
                    PrometheusOptions.fast("2s", "1s")));
            Tools.write(prom.resolve("prometheus.yml"), config(prom, amPort, scrapeConfigs));
            Tools.Result check = Tools.run(60, prom, Tools.promtool(), "check", "config",
                    prom.resolve("prometheus.yml").toString());
            assertEquals(0, check.exitCode(), check.output());
            ManagedProcess prometheus = ManagedProcess.start("prometheus", prom.resolve("prometheus.log"), List.of(
                    prometheusBinary, "--config.file=" + prom.resolve("prometheus.yml"), "--storage.tsdb.path="
                            + prom.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort,
                    "--enable-feature=exemplar-storage"));
            String url = "http://127.0.0.1:" + promPort;
            awaitReady(prometheus, url + "/-/ready");
            return new AlertingStack(work, sink, alertmanager, prometheus, url);
        } catch (RuntimeException | Error e) {
            if (alertmanager != null) {
                alertmanager.close();
            }
            sink.close();
            throw e;
        }
    }

    private static String config(Path dir, int alertmanagerPort, List<Map<String, Object>> scrapeConfigs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", SCRAPE.toSeconds() + "s", "scrape_timeout",
                SCRAPE.toSeconds() + "s", "evaluation_interval", "1s"));
        config.put("rule_files", List.of(dir.resolve("rules/*.yml").toString()));
        config.put("alerting", Map.of("alertmanagers", List.of(Map.of("static_configs",
                List.of(Map.of("targets", List.of("127.0.0.1:" + alertmanagerPort)))))));
        config.put("scrape_configs", scrapeConfigs);
        try {
            return AlertRulesConverter.YAML.writeValueAsString(config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for "Slack" to receive the alert in that state (FIRING or RESOLVED), with every text given. */
    void awaitAlert(String alert, String state, Duration atMost, String... texts) {
        await(alert + " " + state + " in Slack").atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertAlert(alert, state, texts));
    }

    void assertAlert(String alert, String state, String... texts) {
        assertTrue(sink.messages().stream().anyMatch(m -> (state.equals("FIRING")
                ? m.title().startsWith("[FIRING") && m.text().contains("*" + alert + "*")
                : m.text().contains("*RESOLVED* *" + alert + "*"))
                && Arrays.stream(texts).allMatch(m.text()::contains)),
                alert + " " + state + " " + List.of(texts) + " not received; got: " + titles());
    }

    String titles() {
        return sink.messages().stream().map(SlackSink.Message::title).toList().toString();
    }

    JsonNode query(String promql) {
        return api("/api/v1/query?query=" + enc(promql)).path("result");
    }

    JsonNode api(String pathAndQuery) {
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

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void awaitReady(ManagedProcess process, String readyUrl) {
        try {
            await(readyUrl).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited");
                }
                return dev.obsaga.testsupport.SagaProcesses.status(readyUrl) == 200;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("not ready: " + readyUrl + "\n" + process.tail(), e);
        }
    }

    /** A scrape config of the services' management ports, with a service label per target, under that job name. */
    /** Waits until {@code count} scrape targets have been up within the last minute. */
    void awaitTargetsUp(int count) {
        await("every scrape target scraped").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(count, query("max_over_time(up[1m]) == 1").size(),
                        "targets: " + query("up")));
    }

    static Map<String, Object> servicesJob(String jobName) {
        List<Map<String, Object>> targets = Arrays.stream(dev.obsaga.testsupport.SagaService.values())
                .map(s -> Map.<String, Object>of("targets", List.of("127.0.0.1:" + s.managementPort()),
                        "labels", Map.of("service", s.module())))
                .collect(Collectors.toList());
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("job_name", jobName);
        services.put("metrics_path", "/q/metrics");
        services.put("honor_labels", true);
        services.put("static_configs", targets);
        return services;
    }

    static Map<String, Object> staticJob(String jobName, String target) {
        return Map.of("job_name", jobName, "static_configs", List.of(Map.of("targets", List.of(target))));
    }

    @Override
    public void close() {
        Tools.write(work.resolve("slack-messages.json"), sink.messages().stream().map(SlackSink.Message::raw)
                .collect(Collectors.joining(",\n", "[\n", "\n]\n")));
        for (AutoCloseable c : new AutoCloseable[] { prometheus, alertmanager, sink }) {
            try {
                c.close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }
}
