package dev.obsaga.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.infra.AlertRulesConverter;

/**
 * The Alertmanager configuration of the local stack (infra/containers/alertmanager) is the converter's output for
 * infra/alert-rules.yml: committed so that the stack runs without a build, never edited by hand. Regenerate with
 * {@code ./mvnw -pl container-tests test -Dtest=LocalAlertmanagerConfigTests -Dcontainers.regenerate=true}.
 */
class LocalAlertmanagerConfigTests {

    /** The sink as the Alertmanager container reaches it on the compose network. */
    static final String SINK_URL = "http://slack-sink:8095/slack";

    @Test
    void committedConfigurationIsTheConvertersOutput() throws Exception {
        Path root = StackUnderTest.repositoryRoot();
        JsonNode source = AlertRulesConverter.read(root.resolve("infra/alert-rules.yml"));
        Path dir = root.resolve("infra/containers/alertmanager");
        Map<String, String> expected = Map.of(
                "alertmanager.yml", AlertRulesConverter.alertmanagerConfig(source, SINK_URL, Path.of("/etc/alertmanager"),
                        Map.of()),
                AlertRulesConverter.TEMPLATE_FILE, AlertRulesConverter.template(source));
        for (var file : expected.entrySet()) {
            Path committed = dir.resolve(file.getKey());
            if (Boolean.getBoolean("containers.regenerate")) {
                StackUnderTest.write(committed, file.getValue());
            }
            assertEquals(file.getValue(), Files.readString(committed), committed + " is stale: regenerate it (see "
                    + "this test's comment)");
        }
    }
}
