package dev.obsaga.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL of Grafana dashboards: every panel target and every {@code label_values} variable, with the dashboard
 * variables and Grafana's interval macros substituted so that Prometheus can run them, and the metric names each
 * query reads.
 */
public final class DashboardQueries {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Values for Grafana's built-in macros when a query runs outside Grafana. */
    static final Map<String, String> MACROS = Map.of("$__rate_interval", "1m", "$__interval", "15s",
            "$__range", "10m");

    /** One query of a dashboard: a panel target or a variable's label_values. */
    public record Query(String dashboard, int panelId, String title, String refId, String raw, String expr) {
        @Override
        public String toString() {
            return dashboard + " panel " + panelId + " '" + title + "' " + refId + ": " + expr;
        }
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$",
            Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)\\}?");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");

    private DashboardQueries() {
    }

    public static JsonNode read(Path dashboard) {
        try {
            return JSON.readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Not valid JSON: " + dashboard, e);
        }
    }

    public static List<Path> dashboards(Path directory) {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of the dashboard, rows' nested panels included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** Variable name → the value its queries run with: the "All" value of a multi/all variable, else its current. */
    public static Map<String, String> variableValues(JsonNode dashboard) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String value;
            if (v.path("includeAll").asBoolean(false)) {
                value = v.path("allValue").asText(".*");
                if (value.isEmpty()) {
                    value = ".*";
                }
            } else {
                JsonNode current = v.path("current").path("value");
                value = current.isArray() ? current.path(0).asText() : current.asText();
            }
            values.put(v.path("name").asText(), value);
        }
        return values;
    }

    public static String substitute(String expr, Map<String, String> variables) {
        String out = expr;
        for (var macro : MACROS.entrySet()) {
            out = out.replace(macro.getKey(), macro.getValue());
        }
        Matcher m = VARIABLE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!variables.containsKey(name)) {
                throw new IllegalArgumentException("Undefined variable $" + name + " in: " + expr);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(variables.get(name)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Panel targets and variable queries of one dashboard, substituted. */
    public static List<Query> queries(JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        Map<String, String> variables = variableValues(dashboard);
        List<Query> queries = new ArrayList<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            String raw = v.path("query").isObject() ? v.path("query").path("query").asText()
                    : v.path("query").asText();
            Matcher m = LABEL_VALUES.matcher(raw);
            if (!m.matches()) {
                throw new IllegalArgumentException(uid + ": variable " + v.path("name").asText()
                        + " must be label_values(<selector>, <label>): " + raw);
            }
            // label_values is Grafana's; the equivalent PromQL returns one series per value.
            String expr = "count by (" + m.group(2) + ") (" + substitute(m.group(1), variables) + ")";
            queries.add(new Query(uid, 0, "variable " + v.path("name").asText(), "var", raw, expr));
        }
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                String raw = target.path("expr").asText();
                if (raw.isBlank()) {
                    throw new IllegalArgumentException(uid + " panel " + panel.path("id") + ": target without expr");
                }
                queries.add(new Query(uid, panel.path("id").asInt(), panel.path("title").asText(),
                        target.path("refId").asText(), raw, substitute(raw, variables)));
            }
        }
        return queries;
    }

    /** The metric names a PromQL expression reads (label names, functions, keywords and strings left out). */
    public static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");          // string literals
        s = s.replaceAll("\\{[^}]*\\}", "{}");                                     // label matchers
        s = s.replaceAll("\\[[^\\]]*\\]", "[]");                                   // ranges, subqueries
        s = s.replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
                next++;
            }
            boolean function = next < s.length() && s.charAt(next) == '(';
            boolean numberPart = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1))
                    || s.charAt(m.start() - 1) == '.');
            if (!function && !numberPart && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}
