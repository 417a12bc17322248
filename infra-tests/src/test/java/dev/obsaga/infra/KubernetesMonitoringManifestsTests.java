package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.testsupport.SagaProcesses;

/** The committed PrometheusRule and dashboard ConfigMaps are what their sources generate today. */
class KubernetesMonitoringManifestsTests {

    static final Path ROOT = SagaProcesses.findRepositoryRoot();

    @Test
    void thePrometheusRuleIsGeneratedFromTheAlertRules() throws IOException {
        assertEquals(KubernetesMonitoringManifests.prometheusRule(ROOT),
                Files.readString(ROOT.resolve(KubernetesMonitoringManifests.RULES_FILE)),
                "stale: run deploy/kubernetes/generate.sh");
        JsonNode rule = AlertRulesConverter.YAML.readTree(ROOT.resolve(KubernetesMonitoringManifests.RULES_FILE).toFile());
        int rules = 0;
        for (JsonNode group : rule.path("spec").path("groups")) {
            rules += group.path("rules").size();
        }
        assertEquals(AlertRulesConverter.rules(AlertRulesConverter.read(ROOT.resolve("infra/alert-rules.yml"))).size(),
                rules, "every alert of infra/alert-rules.yml is in the PrometheusRule");
    }

    @Test
    void everyDashboardIsAConfigMapForTheGrafanaSidecar() throws IOException {
        assertEquals(KubernetesMonitoringManifests.dashboards(ROOT),
                Files.readString(ROOT.resolve(KubernetesMonitoringManifests.DASHBOARDS_FILE)),
                "stale: run deploy/kubernetes/generate.sh");
        long dashboards;
        try (var files = Files.list(ROOT.resolve("infra/grafana-dashboards"))) {
            dashboards = files.filter(file -> file.toString().endsWith(".json")).count();
        }
        var parser = AlertRulesConverter.YAML.getFactory()
                .createParser(ROOT.resolve(KubernetesMonitoringManifests.DASHBOARDS_FILE).toFile());
        var maps = AlertRulesConverter.YAML.readValues(parser, JsonNode.class).readAll();
        assertEquals(dashboards, maps.size());
        for (JsonNode map : maps) {
            assertEquals("1", map.path("metadata").path("labels").path("grafana_dashboard").asText(), map.toString());
            JsonNode json = AlertRulesConverter.YAML.readTree("{}");
            String name = map.path("data").fieldNames().next();
            json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(map.path("data").path(name).asText());
            assertEquals(false, json.path("title").asText().isBlank(), name + " is a dashboard with a title");
        }
    }
}
