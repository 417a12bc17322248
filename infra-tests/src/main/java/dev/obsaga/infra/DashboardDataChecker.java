package dev.obsaga.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs every dashboard query against a Prometheus and reports the ones that return no data, fail, or read a metric
 * that has no series at all (a renamed or never-exported metric: caught even where "or ... * 0" or a broader
 * expression would still return something).
 *
 * <p>CLI, e.g. against the compose stack under load: {@code DashboardDataChecker http://localhost:9090
 * infra/grafana-dashboards} — exit code 1 and the list of empty panels when any.
 */
public final class DashboardDataChecker {

    /** What the checker needs from Prometheus: the number of series an instant query returns. */
    public interface QueryClient {
        /** @throws IllegalStateException when Prometheus rejects the query */
        int seriesCount(String promql);
    }

    public record Problem(DashboardQueries.Query query, String reason) {
        @Override
        public String toString() {
            return query + "\n    -> " + reason;
        }
    }

    private DashboardDataChecker() {
    }

    public static List<Problem> check(List<DashboardQueries.Query> queries, QueryClient client) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Boolean> metricExists = new LinkedHashMap<>();
        for (DashboardQueries.Query q : queries) {
            try {
                for (String metric : DashboardQueries.metricNames(q.expr())) {
                    boolean exists = metricExists.computeIfAbsent(metric,
                            m -> client.seriesCount("count({__name__=\"" + m + "\"})") > 0);
                    if (!exists) {
                        problems.add(new Problem(q, "metric '" + metric + "' has no series"));
                    }
                }
                if (client.seriesCount(q.expr()) == 0) {
                    problems.add(new Problem(q, "no data"));
                }
            } catch (RuntimeException e) {
                problems.add(new Problem(q, "query failed: " + e.getMessage()));
            }
        }
        return problems;
    }

    public static List<DashboardQueries.Query> allQueries(Path dashboardDirectory) {
        List<DashboardQueries.Query> all = new ArrayList<>();
        for (Path file : DashboardQueries.dashboards(dashboardDirectory)) {
            all.addAll(DashboardQueries.queries(DashboardQueries.read(file)));
        }
        return all;
    }

    /** A client of Prometheus' HTTP API ({@code /api/v1/query}). */
    public static QueryClient prometheus(String baseUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return promql -> {
            String url = baseUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = DashboardQueries.JSON.readTree(response.body());
                if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                    throw new IllegalStateException(body.path("error").asText(response.body()));
                }
                JsonNode result = body.path("data").path("result");
                return "scalar".equals(body.path("data").path("resultType").asText()) ? 1 : result.size();
            } catch (IOException e) {
                throw new IllegalStateException("Prometheus at " + baseUrl + " is not reachable: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    public static void main(String[] args) {
        String prometheus = args.length > 0 ? args[0] : "http://localhost:9090";
        Path dashboards = Path.of(args.length > 1 ? args[1] : "infra/grafana-dashboards");
        List<DashboardQueries.Query> queries = allQueries(dashboards);
        List<Problem> problems = check(queries, prometheus(prometheus));
        problems.forEach(System.out::println);
        System.out.println(queries.size() + " queries, " + problems.size() + " problems");
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
