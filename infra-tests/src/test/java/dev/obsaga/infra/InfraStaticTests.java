package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter.Rule;

/**
 * Everything of the stack that can be checked without running it: the compose file (docker-compose accepts it,
 * healthchecks, dependencies, memory, no secret), the dashboards (JSON, panel ids, every query parses), the links
 * between alert rules, dashboards, runbooks and data sources, the Prometheus and Alertmanager configurations, the
 * collector's sampling and the Dockerfiles (one per flavour, shared by the services). The local override
 * (docker-compose.local.yml) is run for real by container-tests.
 */
class InfraStaticTests {

    static final Path INFRA = Tools.infra();
    static final List<String> SERVICES = List.of("customers", "orders", "payments", "notifications");
    static final long MEMORY_BUDGET = 3L * 1024 * 1024 * 1024;

    // --------------------------------------------------------------------------------------------- compose

    static JsonNode composeConfig(String... extraFiles) throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.dockerCompose(), "--env-file", ".env.example",
                "-f", "docker-compose.yml"));
        for (String f : extraFiles) {
            command.add("-f");
            command.add(f);
        }
        command.addAll(List.of("--profile", "load", "config"));
        Tools.Result result = Tools.run(120, INFRA, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), "docker-compose config refused the file:\n" + result.output());
        return AlertRulesConverter.YAML.readTree(result.output().substring(result.output().indexOf("services:")));
    }

    @Test
    void composeFileIsValidWithHealthchecksDependenciesAndMemoryLimits() throws IOException {
        for (String[] variant : new String[][] { {}, { "docker-compose.jvm.yml" } }) {
            JsonNode services = composeConfig(variant).path("services");
            String which = variant.length == 0 ? "native" : "jvm";
            long total = 0;
            for (var e : iterable(services)) {
                String memory = e.getValue().path("mem_limit").asText("");
                assertFalse(memory.isEmpty(), which + ": " + e.getKey() + " has no mem_limit");
                total += bytes(memory);
            }
            assertTrue(total <= MEMORY_BUDGET, which + ": memory limits add up to " + total / (1024 * 1024)
                    + " MiB, over the 3 GiB budget");
            for (String svc : SERVICES) {
                JsonNode s = services.path(svc);
                // one shared Dockerfile per flavour: the service and its ports are build arguments
                assertEquals("infra/docker/Dockerfile." + which, s.path("build").path("dockerfile").asText(), svc);
                JsonNode args = s.path("build").path("args");
                assertEquals(svc, args.path("SERVICE").asText(), svc + " build argument SERVICE");
                assertEquals(s.path("environment").path("HTTP_PORT").asText(), args.path("HTTP_PORT").asText(), svc);
                assertEquals(s.path("environment").path("MANAGEMENT_PORT").asText(),
                        args.path("MANAGEMENT_PORT").asText(), svc);
                assertFalse(s.path("healthcheck").path("test").isMissingNode(), svc + " has no healthcheck");
                for (String dep : List.of("postgres", "rabbitmq")) {
                    assertEquals("service_healthy", s.path("depends_on").path(dep).path("condition").asText(),
                            svc + " must wait for a healthy " + dep);
                }
                JsonNode env = s.path("environment");
                for (String name : List.of("DB_URL", "DB_USER", "DB_PASSWORD", "RABBITMQ_HOST", "RABBITMQ_USER",
                        "RABBITMQ_PASSWORD", "CUSTOMERS_GRPC_HOST", "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "DEPLOYMENT_ENVIRONMENT")) {
                    assertFalse(env.path(name).asText("").isEmpty(), svc + " lacks " + name);
                }
                assertEquals("http://otel-collector:4318", env.path("OTEL_EXPORTER_OTLP_ENDPOINT").asText());
            }
            // every service_healthy dependency points at a service that has a healthcheck
            for (var e : iterable(services)) {
                for (var dep : iterable(e.getValue().path("depends_on"))) {
                    if ("service_healthy".equals(dep.getValue().path("condition").asText())) {
                        assertFalse(services.path(dep.getKey()).path("healthcheck").path("test").isMissingNode(),
                                e.getKey() + " waits for a healthy " + dep.getKey() + ", which has no healthcheck");
                    }
                }
            }
            assertEquals("[\"load\"]", services.path("load-gen").path("profiles").toString());
            assertTrue(services.path("prometheus").path("command").toString()
                    .contains("--enable-feature=exemplar-storage"));
        }
    }

    @Test
    void noSecretInTheComposeFilesAndEveryVariableIsDocumented() throws IOException {
        String compose = Files.readString(INFRA.resolve("docker-compose.yml"))
                + Files.readString(INFRA.resolve("docker-compose.jvm.yml"))
                + Files.readString(INFRA.resolve("docker-compose.local.yml"));
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(INFRA.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Matcher secret = Pattern.compile("(?m)^\\s*([A-Z_]*(PASSWORD|PASS|SECRET|TOKEN|WEBHOOK_URL)[A-Z_]*):\\s*(.+)$")
                .matcher(compose);
        int secrets = 0;
        while (secret.find()) {
            secrets++;
            assertTrue(secret.group(3).trim().startsWith("${"), "a secret must come from the environment: "
                    + secret.group());
        }
        assertTrue(secrets >= 4, "found " + secrets + " secret settings");
        for (var e : example.entrySet()) {
            if (e.getKey().contains("PASSWORD") && !e.getValue().isEmpty()) {
                assertFalse(compose.contains(e.getValue()), "the example password of " + e.getKey()
                        + " is written in the compose file");
            }
        }
        Matcher used = Pattern.compile("\\$\\{([A-Z_]+)[:}?-]").matcher(compose);
        Set<String> undocumented = new TreeSet<>();
        while (used.find()) {
            if (!example.containsKey(used.group(1))) {
                undocumented.add(used.group(1));
            }
        }
        assertEquals(Set.of(), undocumented, "variables used by the compose files but missing in .env.example");
        // without the passwords docker-compose refuses to run: no silent empty password
        Path empty = Tools.freshDirectory("compose-no-env").resolve("empty.env");
        Tools.write(empty, "");
        Tools.Result bare = Tools.run(60, INFRA, Tools.dockerCompose(), "--env-file", empty.toString(), "-f",
                "docker-compose.yml", "config");
        assertNotEquals(0, bare.exitCode(), bare.output());
        assertTrue(bare.output().contains("PASSWORD"), bare.output());
    }

    // ------------------------------------------------------------------------------------------ dashboards

    @Test
    void dashboardsAreValidWithUniquePanelIdsAndTheirVariables() {
        List<Path> files = DashboardQueries.dashboards(INFRA.resolve("grafana-dashboards"));
        assertEquals(6, files.size(), files.toString());
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = DashboardQueries.read(file);
            String uid = d.path("uid").asText();
            assertTrue(uids.add(uid), "duplicate dashboard uid " + uid);
            assertEquals(file.getFileName().toString(), uid + ".json");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : DashboardQueries.panels(d)) {
                assertTrue(ids.add(panel.path("id").asInt()), uid + ": duplicate panel id " + panel.path("id"));
                assertFalse(panel.path("title").asText().isBlank(), uid + ": panel without title");
                for (JsonNode t : panel.path("targets")) {
                    assertEquals("prometheus", t.path("datasource").path("uid").asText(), uid + " " + panel);
                    if (t.path("expr").asText().contains("histogram_quantile")) {
                        assertTrue(t.path("exemplar").asBoolean(), uid + ": exemplars on " + panel.path("title"));
                    }
                }
            }
            boolean perService = DashboardQueries.queries(d).stream().anyMatch(q -> q.raw().contains("$service"));
            assertEquals(perService, DashboardQueries.variableValues(d).containsKey("service"),
                    uid + ": a service variable where the panels are per service");
        }
        assertTrue(uids.containsAll(List.of("obsaga-overview", "obsaga-messaging", "obsaga-business", "obsaga-jvm",
                "obsaga-slo", "obsaga-pipeline")), uids.toString());
    }

    @Test
    void everyDashboardAndAlertQueryParses() {
        List<String> expressions = new ArrayList<>();
        DashboardDataChecker.allQueries(INFRA.resolve("grafana-dashboards")).forEach(q -> expressions.add(q.expr()));
        AlertRulesConverter.rules(AlertRulesConverter.read(INFRA.resolve("alert-rules.yml")))
                .forEach(r -> expressions.add(r.expr()));
        Tools.Result ok = promtoolParses(expressions, "queries-parse");
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains("SUCCESS: " + expressions.size() + " rules found"), ok.output());
        // and the check can fail: one unbalanced parenthesis is enough
        Tools.Result broken = promtoolParses(List.of("sum(rate(up[1m])"), "queries-parse-broken");
        assertNotEquals(0, broken.exitCode(), broken.output());
    }

    /** promtool check rules on one recording rule per expression: it parses every PromQL expression. */
    static Tools.Result promtoolParses(List<String> expressions, String directory) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            rules.add(Map.of("record", "obsaga:query_check_" + i, "expr", expressions.get(i)));
        }
        Path file = Tools.freshDirectory(directory).resolve("queries.yml");
        try {
            Tools.write(file, AlertRulesConverter.YAML.writeValueAsString(
                    Map.of("groups", List.of(Map.of("name", "queries", "rules", rules)))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Tools.run(60, file.getParent(), Tools.promtool(), "check", "rules", file.toString());
    }

    @Test
    void alertRulesLinkToExistingPanelsAndRunbooks() throws IOException {
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        for (Path f : DashboardQueries.dashboards(INFRA.resolve("grafana-dashboards"))) {
            JsonNode d = DashboardQueries.read(f);
            dashboards.put(d.path("uid").asText(), d);
        }
        JsonNode source = AlertRulesConverter.read(INFRA.resolve("alert-rules.yml"));
        Map<String, Rule> converted = new LinkedHashMap<>();
        AlertRulesConverter.rules(source).forEach(r -> converted.put(r.uid(), r));
        for (JsonNode rule : source.path("groups").path(0).path("rules")) {
            String uid = rule.path("uid").asText();
            JsonNode dashboard = dashboards.get(rule.path("dashboardUid").asText());
            assertTrue(dashboard != null, uid + ": dashboardUid " + rule.path("dashboardUid"));
            int panelId = rule.path("panelId").asInt();
            assertTrue(DashboardQueries.panels(dashboard).stream().anyMatch(p -> p.path("id").asInt() == panelId
                    && !"row".equals(p.path("type").asText())), uid + ": panel " + panelId + " in "
                            + rule.path("dashboardUid"));
            Rule r = converted.get(uid);
            assertTrue(r.annotations().get("dashboard_url").contains("/d/" + rule.path("dashboardUid").asText()), uid);
            Path runbook = Tools.repositoryRoot().resolve("docs/runbooks/" + r.runbook() + ".md");
            assertTrue(Files.isRegularFile(runbook), "missing runbook " + runbook);
            String text = Files.readString(runbook);
            for (String must : List.of("# " + r.alert(), "## Diagnosis", "## Mitigation", "Why")) {
                assertTrue(text.contains(must), runbook + " lacks '" + must + "'");
            }
            assertTrue(r.annotations().get("description").contains("Why"), uid
                    + ": the description gives the reason of the threshold");
            assertTrue(r.annotations().get("description").contains("$value"), uid + ": the description shows the value");
        }
        // the policy groups by alert and service, and the contact point reads the webhook from the environment
        JsonNode policy = source.path("policies").path(0);
        assertEquals("[\"alertname\",\"service\"]", policy.path("group_by").toString());
        assertEquals("$SLACK_WEBHOOK_URL", source.path("contactPoints").path(0).path("receivers").path(0)
                .path("settings").path("url").asText());
    }

    @Test
    void dataSourcesLinkMetricsTracesAndLogs() throws IOException {
        JsonNode ds = AlertRulesConverter.YAML.readTree(INFRA.resolve("grafana/provisioning/datasources/datasources.yml")
                .toFile()).path("datasources");
        Map<String, JsonNode> byUid = new LinkedHashMap<>();
        ds.forEach(d -> byUid.put(d.path("uid").asText(), d));
        assertEquals(Set.of("prometheus", "jaeger", "loki"), byUid.keySet());
        JsonNode exemplar = byUid.get("prometheus").path("jsonData").path("exemplarTraceIdDestinations").path(0);
        assertEquals("trace_id", exemplar.path("name").asText());
        assertEquals("jaeger", exemplar.path("datasourceUid").asText());
        JsonNode toLogs = byUid.get("jaeger").path("jsonData").path("tracesToLogsV2");
        assertEquals("loki", toLogs.path("datasourceUid").asText());
        assertTrue(toLogs.path("filterByTraceID").asBoolean(), "trace to logs filters by the trace id");
        assertEquals("service", toLogs.path("tags").path(0).path("value").asText(), "service.name is our service label");
        JsonNode derived = byUid.get("loki").path("jsonData").path("derivedFields").path(0);
        assertEquals("jaeger", derived.path("datasourceUid").asText());
        assertEquals("$${__value.raw}", derived.path("url").asText());
        // the derived field finds the trace id in one of our real log lines
        String line = "{\"trace.id\":\"bdacaec05b8757fae333fe58c0102616\",\"span.id\":\"1b1caeee3850a94f\","
                + "\"@timestamp\":\"2026-11-22T09:34:48.046Z\",\"log.level\":\"INFO\",\"service.name\":\"customers\","
                + "\"mdc\":{\"sampled\":\"true\"}}";
        Matcher m = Pattern.compile(derived.path("matcherRegex").asText()).matcher(line);
        assertTrue(m.find() && m.group(1).equals("bdacaec05b8757fae333fe58c0102616"));
    }

    // ------------------------------------------------------------------ Prometheus, Alertmanager, collector

    @Test
    void composePrometheusConfigPassesPromtool() throws IOException {
        String config = Files.readString(INFRA.resolve("prometheus/prometheus.yml"));
        JsonNode parsed = AlertRulesConverter.YAML.readTree(config);
        Map<String, String> paths = new LinkedHashMap<>();
        parsed.path("scrape_configs").forEach(j -> paths.put(j.path("job_name").asText(),
                j.path("metrics_path").asText("/metrics")));
        assertEquals("/q/metrics", paths.get("obsaga-services"));
        assertEquals("/metrics/per-object", paths.get("rabbitmq"));
        assertTrue(paths.containsKey("otel-collector"), paths.toString());
        // Debian's promtool 2.42 predates scrape_protocols (2.49) and fallback_scrape_protocol (3.0): check the rest.
        Path dir = Tools.freshDirectory("prometheus-config");
        String checkable = config.replaceAll("(?m)^\\s*(scrape_protocols|fallback_scrape_protocol):.*$", "")
                .replace("/etc/prometheus/rules/*.yml", INFRA.resolve("prometheus/rules").toAbsolutePath() + "/*.yml");
        Tools.write(dir.resolve("prometheus.yml"), checkable);
        Tools.Result result = Tools.run(60, dir, Tools.promtool(), "check", "config", dir.resolve("prometheus.yml")
                .toString());
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void convertedAlertmanagerConfigPassesAmtool() {
        Path dir = Tools.freshDirectory("alertmanager-config");
        JsonNode source = AlertRulesConverter.read(INFRA.resolve("alert-rules.yml"));
        Tools.write(dir.resolve("alertmanager.yml"), AlertRulesConverter.alertmanagerConfig(source,
                "http://127.0.0.1:9/hook", dir, Map.of()));
        Tools.write(dir.resolve(AlertRulesConverter.TEMPLATE_FILE), AlertRulesConverter.template(source));
        String amtool = Tools.require("amtool", "prometheus-alertmanager");
        Tools.Result result = Tools.run(60, dir, amtool, "check-config", dir.resolve("alertmanager.yml").toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 templates"), result.output());
    }

    @Test
    void collectorKeepsErrorsSlowTracesAndTenPercent() throws IOException {
        JsonNode c = AlertRulesConverter.YAML.readTree(INFRA.resolve("otel-collector/config.yaml").toFile());
        Map<String, JsonNode> policies = new LinkedHashMap<>();
        c.path("processors").path("tail_sampling").path("policies").forEach(p -> policies.put(p.path("type").asText(), p));
        assertEquals("[\"ERROR\"]", policies.get("status_code").path("status_code").path("status_codes").toString());
        assertEquals(500, policies.get("latency").path("latency").path("threshold_ms").asInt());
        assertEquals(10, policies.get("probabilistic").path("probabilistic").path("sampling_percentage").asInt());
        assertEquals(3, policies.size(), "a trace is kept when any policy keeps it: no other policy");
        assertEquals("0.0.0.0:4317", c.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText());
        assertEquals("0.0.0.0:4318", c.path("receivers").path("otlp").path("protocols").path("http").path("endpoint").asText());
        assertEquals("jaeger:4317", c.path("exporters").path("otlp/jaeger").path("endpoint").asText());
        assertTrue(c.path("service").path("pipelines").path("traces").path("processors").toString().contains("tail_sampling"));
    }

    @Test
    void logShipperParsesOurJsonFields() throws IOException {
        String alloy = Files.readString(INFRA.resolve("alloy/config.alloy"));
        // ECS keys (quarkus.log.console.json.log-format=ecs, EcsTraceFields), quoted for JMESPath
        for (String field : List.of("\"\\\"@timestamp\\\"\"", "\"\\\"log.level\\\"\"", "\"\\\"log.logger\\\"\"",
                "\"message\"", "\"\\\"service.name\\\"\"", "\"\\\"trace.id\\\"\"", "\"\\\"span.id\\\"\"",
                "RFC3339Nano", "loki:3100/loki/api/v1/push")) {
            assertTrue(alloy.contains(field), "config.alloy does not handle " + field);
        }
    }

    // ----------------------------------------------------------------------------------------- Dockerfiles

    @Test
    void oneDockerfilePerFlavourBuildsEveryServiceFromTheRepositoryRoot() throws IOException {
        Path dir = INFRA.resolve("docker");
        String nativeFile = Files.readString(dir.resolve("Dockerfile.native"));
        String jvmFile = Files.readString(dir.resolve("Dockerfile.jvm"));
        // the upstream images users pull stay the defaults; infra/docker-compose.local.yml passes local ones
        assertTrue(nativeFile.contains("ARG BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25"));
        assertTrue(nativeFile.contains("ARG RUNTIME_IMAGE=quay.io/quarkus/ubi9-quarkus-micro-image:2.0"));
        assertTrue(jvmFile.contains("ARG BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25"));
        assertTrue(jvmFile.contains("ARG RUNTIME_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21"));
        assertTrue(nativeFile.contains("./mvnw -B --no-transfer-progress -pl ${SERVICE} -am package -Dnative"),
                "native build command");
        // one reactor build shared by the four JVM images (its stage does not depend on SERVICE)
        assertTrue(jvmFile.contains("ARG MODULES=customers,orders,payments,notifications"));
        assertTrue(jvmFile.contains("-pl ${MODULES} -am package -DskipTests"), "JVM build command");
        // the JVM images start with deploy/jvm.options, as everywhere else
        assertTrue(jvmFile.contains("COPY --chown=185 deploy/jvm.options /deployments/jvm.options"));
        assertTrue(Files.readString(dir.resolve("run-jvm.sh")).contains("</deployments/jvm.options"));
        for (String file : List.of(nativeFile, jvmFile)) {
            assertTrue(file.contains("FROM ${BUILDER_IMAGE} AS build") && file.contains("FROM ${RUNTIME_IMAGE}"));
            // the whole reactor (every module's pom, whatever modules are added later), never stale build output
            assertTrue(file.contains("COPY . /code") && file.contains("rm -rf /code/*/target"));
            assertTrue(file.contains("/q/health/ready"), "healthcheck");
        }
        for (String svc : SERVICES) {
            assertFalse(Files.exists(Tools.repositoryRoot().resolve(svc + "/src/main/docker")),
                    svc + ": a copy of the shared Dockerfiles");
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static long bytes(String value) {
        Matcher m = Pattern.compile("(?i)(\\d+)([kmg]?)b?").matcher(value.trim());
        assertTrue(m.matches(), "memory " + value);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase()) {
            case "k" -> n * 1024;
            case "m" -> n * 1024 * 1024;
            case "g" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }
}
