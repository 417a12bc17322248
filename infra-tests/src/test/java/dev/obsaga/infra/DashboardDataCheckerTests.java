package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.obsaga.infra.DashboardDataChecker.Problem;
import dev.obsaga.infra.DashboardQueries.Query;

/**
 * The dashboard checker on a fake Prometheus that only knows some metric names: a renamed metric makes the panels
 * that read it fail, even behind "or vector(0)"-style expressions that still return something.
 */
class DashboardDataCheckerTests {

    /** A Prometheus holding one series per known metric: a query has data when every metric it reads exists. */
    static DashboardDataChecker.QueryClient fake(Set<String> metrics) {
        return promql -> {
            if (promql.startsWith("count({__name__=\"")) {
                return metrics.contains(promql.substring(17, promql.length() - 3)) ? 1 : 0;
            }
            return metrics.containsAll(DashboardQueries.metricNames(promql)) ? 1 : 0;
        };
    }

    static List<Query> realDashboards() {
        return DashboardDataChecker.allQueries(Tools.infra().resolve("grafana-dashboards"));
    }

    static Set<String> metricsOf(List<Query> queries) {
        Set<String> all = new TreeSet<>();
        queries.forEach(q -> all.addAll(DashboardQueries.metricNames(q.expr())));
        return all;
    }

    @Test
    void extractsMetricNamesNotLabelsFunctionsOrKeywords() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), DashboardQueries.metricNames(
                "histogram_quantile(0.95, sum by (service, le) (rate(http_server_requests_seconds_bucket{service=~\".*\",le=\"0.3\"}[1m])))"));
        assertEquals(Set.of("orders_placed_total", "orders_completed_total"), DashboardQueries.metricNames(
                "sum by (service) (orders_placed_total) - (sum by (service) (orders_completed_total) or on (service) "
                        + "sum by (service) (orders_placed_total) * 0)"));
        assertEquals(Set.of("up"), DashboardQueries.metricNames("up{job=\"x\"} == 0 and ignoring (a) vector(1) > 1e3"));
    }

    @Test
    void substitutesVariablesAndMacrosAndRefusesUndefinedVariables() {
        assertEquals("rate(x{service=~\".*\"}[1m])",
                DashboardQueries.substitute("rate(x{service=~\"$service\"}[$__rate_interval])", Map.of("service", ".*")));
        assertThrows(IllegalArgumentException.class, () -> DashboardQueries.substitute("x{a=\"$nope\"}", Map.of()));
    }

    @Test
    void theRealDashboardsPassWhenEveryMetricExists() {
        List<Query> queries = realDashboards();
        assertEquals(List.of(), DashboardDataChecker.check(queries, fake(metricsOf(queries))));
    }

    @Test
    void aRenamedMetricFailsEveryPanelThatReadsIt() {
        List<Query> queries = realDashboards();
        Set<String> exported = new HashSet<>(metricsOf(queries));
        // the services now export obsaga_messaging_publish_total as obsaga_messaging_published_total
        exported.remove("obsaga_messaging_publish_total");
        exported.add("obsaga_messaging_published_total");
        List<Problem> problems = DashboardDataChecker.check(queries, fake(exported));
        Set<String> failedPanels = problems.stream().map(p -> p.query().dashboard() + "/" + p.query().title())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> readers = queries.stream().filter(q -> q.expr().contains("obsaga_messaging_publish_total"))
                .map(q -> q.dashboard() + "/" + q.title()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(readers.size() >= 3, readers.toString());
        assertEquals(readers, failedPanels);
    }

    @Test
    void aMissingMetricIsCaughtEvenWhereTheQueryStillReturnsSomething() {
        Query guarded = new Query("d", 1, "errors", "A", "", "sum(rate(renamed_errors_total[1m])) or vector(0)");
        DashboardDataChecker.QueryClient alwaysData = promql -> promql.startsWith("count({__name__=") ? 0 : 1;
        List<Problem> problems = DashboardDataChecker.check(List.of(guarded), alwaysData);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().contains("renamed_errors_total"));
    }

    @Test
    void aFailingQueryIsReported() {
        Query q = new Query("d", 1, "t", "A", "", "up");
        List<Problem> problems = DashboardDataChecker.check(List.of(q), promql -> {
            throw new IllegalStateException("parse error");
        });
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().contains("parse error"));
    }
}
