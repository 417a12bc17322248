package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter.PrometheusOptions;
import dev.obsaga.infra.AlertRulesConverter.Rule;

/**
 * The alert rules, converted from the Grafana file, are valid Prometheus rules ({@code promtool check rules}), the
 * committed Prometheus rule file is their current conversion, and every rule fires on series that breach it and
 * stays quiet on healthy ones ({@code promtool test rules} with infra/prometheus/rule-tests/).
 */
class AlertRulesPromtoolTests {

    static final Path SOURCE = Tools.infra().resolve("alert-rules.yml");
    static final Path COMMITTED = Tools.infra().resolve("prometheus/rules/obsaga-alerts.yml");
    static final Path RULE_TESTS = Tools.infra().resolve("prometheus/rule-tests");
    static final List<String> UNIT_TEST_ANNOTATIONS = List.of("summary", "runbook_url");

    @Test
    void convertedRulesPassPromtoolCheck() {
        Path out = Tools.freshDirectory("prometheus-check").resolve("obsaga-alerts.yml");
        JsonNode source = AlertRulesConverter.read(SOURCE);
        Tools.write(out, AlertRulesConverter.prometheusRules(source, PrometheusOptions.asWritten()));
        Tools.Result result = Tools.run(60, Tools.repositoryRoot(), Tools.promtool(), "check", "rules", out.toString());
        assertEquals(0, result.exitCode(), result.output());
        int rules = AlertRulesConverter.rules(source).size();
        assertTrue(result.output().contains("SUCCESS: " + rules + " rules found"), result.output());
    }

    @Test
    void committedPrometheusRulesAreTheCurrentConversion() throws IOException {
        String expected = AlertRulesConverter.prometheusRules(AlertRulesConverter.read(SOURCE),
                PrometheusOptions.asWritten());
        if (Boolean.getBoolean("infra.regenerate")) {
            Tools.write(COMMITTED, expected);
        }
        assertEquals(expected, Files.readString(COMMITTED), COMMITTED + " is stale: infra/alert-rules.yml changed. "
                + "Regenerate it: ./mvnw -pl infra-tests test -Dtest=AlertRulesPromtoolTests -Dinfra.regenerate=true");
    }

    @Test
    void everyRuleFiresOnBreachingSeriesAndStaysQuietOnHealthyOnes() {
        Tools.Result result = promtoolTestRules(AlertRulesConverter.read(SOURCE), "prometheus-unit");
        assertEquals(0, result.exitCode(), "promtool test rules failed:\n" + result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void everyRuleHasAFiringAndAQuietCase() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        try (var files = Files.list(RULE_TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                for (JsonNode test : AlertRulesConverter.YAML.readTree(file.toFile()).path("tests")) {
                    for (JsonNode check : test.path("alert_rule_test")) {
                        (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
                    }
                }
            }
        }
        Set<String> alerts = AlertRulesConverter.rules(AlertRulesConverter.read(SOURCE)).stream().map(Rule::alert)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> notFired = new TreeSet<>(alerts);
        notFired.removeAll(firing);
        // A case with healthy series that would make the rule fire if it were wrong: either an explicit quiet
        // check, or healthy series next to the breaching ones in a firing case (exp_alerts lists exactly who fires).
        assertTrue(notFired.isEmpty(), "rules never shown to fire: " + notFired);
        Set<String> unknown = new HashSet<>(firing);
        unknown.addAll(quiet);
        unknown.removeAll(alerts);
        assertTrue(unknown.isEmpty(), "rule tests name alerts that do not exist: " + unknown);
    }

    /** The tests can fail: a threshold made ten times laxer no longer fires on the breaching series. */
    @Test
    void aLaxerThresholdFailsTheRuleTests() throws IOException {
        String yaml = Files.readString(SOURCE);
        String mutated = yaml.replace("- evaluator: {type: gt, params: [0.05]}", "- evaluator: {type: gt, params: [0.5]}");
        assertNotEquals(yaml, mutated, "the mutation must change the HighErrorRatio threshold");
        Tools.Result result = promtoolTestRules(AlertRulesConverter.YAML.readTree(mutated), "prometheus-mutant");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("HighErrorRatio"), result.output());
        assertFalse(result.output().contains("alertname: ServiceDown"), "only the mutated rule fails:\n"
                + result.output());
    }

    /** Converts (unit-test annotations only) next to a copy of the rule tests and runs promtool test rules. */
    static Tools.Result promtoolTestRules(JsonNode source, String directory) {
        Path root = Tools.freshDirectory(directory);
        Tools.write(root.resolve("rules/obsaga-alerts.yml"), AlertRulesConverter.prometheusRules(source,
                PrometheusOptions.forUnitTests(UNIT_TEST_ANNOTATIONS)));
        List<String> command = new java.util.ArrayList<>(List.of(Tools.promtool(), "test", "rules"));
        try (var files = Files.list(RULE_TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Path copy = root.resolve("rule-tests").resolve(file.getFileName());
                // the expected runbook links follow RUNBOOK_BASE_URL when it is set
                Tools.write(copy, Files.readString(file).replace(AlertRulesConverter.DEFAULT_RUNBOOK_BASE,
                        AlertRulesConverter.runbookBase()));
                command.add(copy.toString());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Tools.run(120, root, command.toArray(String[]::new));
    }
}
