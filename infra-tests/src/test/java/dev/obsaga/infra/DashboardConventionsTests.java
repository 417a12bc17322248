package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a dashboard reader relies on: every panel says what it shows, no query depends on what the scrape job is
 * called (a Kubernetes ServiceMonitor or any other scrape config names jobs its own way), and the overview and
 * messaging dashboards mark fault injection and firing alerts on their graphs.
 */
class DashboardConventionsTests {

    static final Path DASHBOARDS = Tools.infra().resolve("grafana-dashboards");
    static final Pattern JOB_MATCHER = Pattern.compile("\\bjob\\s*(=|!=|=~|!~)");

    @Test
    void everyPanelHasADescription() {
        List<String> missing = new ArrayList<>();
        int panels = 0;
        for (Path file : DashboardQueries.dashboards(DASHBOARDS)) {
            JsonNode d = DashboardQueries.read(file);
            for (JsonNode panel : DashboardQueries.panels(d)) {
                if (!panel.path("type").asText().equals("row")) {
                    panels++;
                    if (panel.path("description").asText().isBlank()) {
                        missing.add(d.path("uid").asText() + " '" + panel.path("title").asText() + "'");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "panels without a description");
        assertTrue(panels > 60, "panels: " + panels);
    }

    @Test
    void noQueryVariableOrAnnotationNamesAScrapeJob() {
        List<String> offending = new ArrayList<>();
        for (Path file : DashboardQueries.dashboards(DASHBOARDS)) {
            JsonNode d = DashboardQueries.read(file);
            DashboardQueries.queries(d).stream().filter(q -> JOB_MATCHER.matcher(q.raw()).find())
                    .forEach(q -> offending.add(q.toString()));
            d.path("annotations").path("list").forEach(a -> {
                if (JOB_MATCHER.matcher(a.path("expr").asText()).find()) {
                    offending.add(d.path("uid").asText() + " annotation " + a.path("name").asText());
                }
            });
        }
        assertEquals(List.of(), offending, "queries that depend on the job name");
        // and the check can fail
        assertTrue(JOB_MATCHER.matcher("up{job=\"obsaga-services\"}").find());
    }

    @Test
    void overviewAndMessagingAnnotateFaultInjectionAndFiringAlerts() {
        List<String> expressions = new ArrayList<>();
        for (String uid : List.of("obsaga-overview", "obsaga-messaging")) {
            JsonNode d = DashboardQueries.read(DASHBOARDS.resolve(uid + ".json"));
            List<String> exprs = new ArrayList<>();
            d.path("annotations").path("list").forEach(a -> {
                assertEquals("prometheus", a.path("datasource").path("uid").asText(), uid);
                assertTrue(a.path("enable").asBoolean(), uid + ": annotation " + a.path("name") + " on by default");
                exprs.add(a.path("expr").asText());
            });
            assertTrue(exprs.stream().anyMatch(e -> e.contains("fault_injection_active")), uid + ": " + exprs);
            assertTrue(exprs.stream().anyMatch(e -> e.contains("ALERTS{alertstate=\"firing\"}")), uid + ": " + exprs);
            Assertions.variables(d, exprs, expressions);
        }
        Tools.Result parsed = InfraStaticTests.promtoolParses(expressions, "annotations-parse");
        assertEquals(0, parsed.exitCode(), parsed.output());
    }

    /** Small helpers kept out of the tests' bodies. */
    static final class Assertions {
        static void variables(JsonNode dashboard, List<String> exprs, List<String> into) {
            for (String e : exprs) {
                String substituted = DashboardQueries.substitute(e, DashboardQueries.variableValues(dashboard));
                assertFalse(substituted.contains("$"), substituted);
                into.add(substituted);
            }
        }
    }
}
