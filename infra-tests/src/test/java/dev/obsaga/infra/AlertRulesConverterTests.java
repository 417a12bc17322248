package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter.PrometheusOptions;
import dev.obsaga.infra.AlertRulesConverter.Rule;

/** The converter: Grafana provisioning → Prometheus rules / Alertmanager configuration, and what it refuses. */
class AlertRulesConverterTests {

    static final String RULE = """
            apiVersion: 1
            groups:
              - orgId: 1
                name: g
                folder: f
                interval: 1m
                rules:
                  - uid: my-rule
                    title: MyRule
                    condition: C
                    data:
                      - refId: A
                        datasourceUid: prometheus
                        model: {expr: 'label_replace(up, "x", "$1", "job", "(.*)")'}
                      - refId: C
                        datasourceUid: __expr__
                        model: {type: threshold, expression: A, conditions: [{evaluator: {type: TYPE, params: [0.25]}}]}
                    for: 3m
                    labels: {severity: warning, team: 'sre$$team', runbook_url: '${RUNBOOK_BASE_URL}my-rule.md'}
                    annotations:
                      summary: 'value {{ $values.A.Value }} on {{ $labels.job }}'
                      description: 'd'
                      dashboard_url: http://localhost:3000/d/x
            """;

    static JsonNode yaml(String text) throws Exception {
        return AlertRulesConverter.YAML.readTree(text);
    }

    @Test
    void convertsQueryThresholdLabelsAndAnnotations() throws Exception {
        Rule rule = AlertRulesConverter.rules(yaml(RULE.replace("TYPE", "gt"))).get(0);
        assertEquals("MyRule", rule.alert());
        assertEquals("(label_replace(up, \"x\", \"$1\", \"job\", \"(.*)\"))\n> 0.25", rule.expr(),
                "the query is not interpolated by Grafana, so \"$1\" stays as written");
        assertEquals("3m", rule.forDuration());
        assertEquals(Map.of("severity", "warning", "team", "sre$team"), rule.labels(), "labels: $$ is Grafana's $");
        assertEquals(AlertRulesConverter.runbookBase() + "my-rule.md", rule.annotations().get("runbook_url"),
                "the runbook label, from the one base, is Prometheus' runbook_url annotation");
        assertEquals("value {{ $value }} on {{ $labels.job }}", rule.annotations().get("summary"));
        assertEquals("my-rule", rule.runbook());
        assertTrue(AlertRulesConverter.rules(yaml(RULE.replace("TYPE", "lt"))).get(0).expr().endsWith("\n< 0.25"));
    }

    @Test
    void testOptionsShortenPendingAndIntervalOnly() throws Exception {
        String fast = AlertRulesConverter.prometheusRules(yaml(RULE.replace("TYPE", "gt")),
                PrometheusOptions.fast("2s", "1s"));
        assertTrue(fast.contains("for: 2s") && fast.contains("interval: 1s"), fast);
        String asWritten = AlertRulesConverter.prometheusRules(yaml(RULE.replace("TYPE", "gt")),
                PrometheusOptions.asWritten());
        assertTrue(asWritten.contains("for: 3m") && asWritten.contains("interval: 1m"), asWritten);
        String unit = AlertRulesConverter.prometheusRules(yaml(RULE.replace("TYPE", "gt")),
                PrometheusOptions.forUnitTests(List.of("summary")));
        assertFalse(unit.contains("description"), unit);
    }

    @Test
    void refusesRulesItCannotConvertFaithfully() {
        String ok = RULE.replace("TYPE", "gt");
        Map<String, String> broken = Map.of(
                "a range threshold", RULE.replace("TYPE", "within_range"),
                "no severity", ok.replace("severity: warning, ", ""),
                "no runbook", ok.replace(", runbook_url: '${RUNBOOK_BASE_URL}my-rule.md'", ""),
                "a runbook of another rule", ok.replace("}my-rule.md", "}other.md"),
                "a runbook not under the one base", ok.replace("'${RUNBOOK_BASE_URL}my-rule.md'",
                        "http://localhost:8095/runbooks/my-rule.md"),
                "a runbook annotation", ok.replace("description: 'd'", "description: 'd'\n          runbook_url: x/my-rule.md"),
                "a Grafana-only value", ok.replace("$values.A.Value", "$values.B.Value"),
                "a ${ in an annotation", ok.replace("description: 'd'", "description: '${HOME}'"),
                "an extra query", ok.replace("refId: C\n", "refId: B\n"),
                "a title that is no alert name", ok.replace("title: MyRule", "title: My Rule"));
        broken.forEach((what, text) -> assertThrows(IllegalArgumentException.class,
                () -> AlertRulesConverter.rules(yaml(text)), what));
    }

    @Test
    void alertmanagerConfigIsTheContactPointAndPolicyOfTheSource() throws Exception {
        JsonNode source = AlertRulesConverter.read(Tools.infra().resolve("alert-rules.yml"));
        String config = AlertRulesConverter.alertmanagerConfig(source, "http://127.0.0.1:1/hook", Path.of("/t"),
                Map.of("group_wait", "1s"));
        JsonNode am = AlertRulesConverter.YAML.readTree(config);
        assertEquals("[\"alertname\",\"service\"]", am.path("route").path("group_by").toString());
        assertEquals("1s", am.path("route").path("group_wait").asText());
        assertEquals("5m", am.path("route").path("group_interval").asText(), "not overridden: the source's");
        JsonNode slack = am.path("receivers").path(0).path("slack_configs").path(0);
        assertEquals("http://127.0.0.1:1/hook", slack.path("api_url").asText());
        assertTrue(slack.path("send_resolved").asBoolean());
        assertEquals("{{ template \"obsaga.slack.text\" . }}", slack.path("text").asText());
        String template = AlertRulesConverter.template(source);
        assertTrue(template.contains("define \"obsaga.slack.text\"") && template.contains("runbook_url")
                && template.contains("RESOLVED"), template);
    }
}
