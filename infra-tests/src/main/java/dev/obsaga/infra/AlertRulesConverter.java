package dev.obsaga.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * Turns {@code infra/alert-rules.yml} (Grafana alerting file provisioning: rule groups, contact point, policy,
 * template) into what Prometheus and Alertmanager load, so the Grafana file stays the one source of truth:
 * <ul>
 * <li>a Prometheus rule file: per rule {@code alert: <title>}, {@code expr: (<query A>) <op> <threshold of C>},
 * {@code for}, labels (Grafana's {@code $$} escaping undone) and annotations (Grafana's
 * {@code $values.A.Value} written as Prometheus' {@code $value});</li>
 * <li>an Alertmanager configuration: the Slack contact point as a {@code slack_configs} receiver with the same
 * title/text, the notification policy as the route, and the message template as a template file.</li>
 * </ul>
 * The conversion refuses a rule that breaks the conventions (query A, threshold C with gt/lt, severity, summary,
 * description, runbook_url to {@code runbooks/<uid>.md}, dashboard_url): a rule that cannot be converted faithfully
 * is an error, not a warning.
 *
 * <p>CLI: {@code AlertRulesConverter --source infra/alert-rules.yml --prometheus-out <file>
 * [--for <duration>] [--interval <duration>] [--alertmanager-out <dir> --slack-url <url>
 * [--group-wait d] [--group-interval d] [--repeat-interval d]]}. {@code --for} and {@code --interval} exist for
 * tests only (short pending periods and evaluation intervals); never use them for the committed rule file.
 */
public final class AlertRulesConverter {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    public static final String TEMPLATE_FILE = "obsaga-slack.tmpl";
    private static final Pattern GRAFANA_VALUE = Pattern.compile("\\$values\\.A\\.Value\\b");
    private static final Pattern OTHER_GRAFANA_VALUES = Pattern.compile("\\$values\\b|\\$value\\b");
    private static final Pattern RUNBOOK = Pattern.compile(".*?([a-z0-9-]+)\\.md");
    /** The one setting of the runbooks' address: Grafana interpolates it into each rule's runbook_url label. */
    static final String RUNBOOK_BASE_VARIABLE = "${RUNBOOK_BASE_URL}";
    /** docs/runbooks as the local stack's slack-sink serves them; RUNBOOK_BASE_URL overrides it. */
    static final String DEFAULT_RUNBOOK_BASE = "http://localhost:8095/runbooks/";
    private static final List<String> REQUIRED_ANNOTATIONS = List.of("summary", "description", "runbook_url",
            "dashboard_url");

    private AlertRulesConverter() {
    }

    /** Options for the Prometheus output; empty values keep the source's. */
    public record PrometheusOptions(Optional<String> forOverride, Optional<String> intervalOverride,
            Optional<List<String>> keepAnnotations) {
        public static PrometheusOptions asWritten() {
            return new PrometheusOptions(Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * The rules exactly as written but with only these annotations: promtool unit tests compare annotations
         * verbatim, and repeating every long description in them would test the prose, not the rule.
         */
        public static PrometheusOptions forUnitTests(List<String> annotations) {
            return new PrometheusOptions(Optional.empty(), Optional.empty(), Optional.of(List.copyOf(annotations)));
        }

        /** Short pending periods and evaluation interval for end-to-end tests. */
        public static PrometheusOptions fast(String forDuration, String interval) {
            return new PrometheusOptions(Optional.of(forDuration), Optional.of(interval), Optional.empty());
        }
    }

    /** One converted rule: what the tests and the docs need to know about it. */
    public record Rule(String uid, String alert, String expr, String forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
        public String runbook() {
            Matcher m = RUNBOOK.matcher(annotations.get("runbook_url"));
            if (!m.matches()) {
                throw new IllegalStateException("runbook_url of " + uid + " is not <base><uid>.md");
            }
            return m.group(1);
        }
    }

    public static JsonNode read(Path source) {
        try {
            return YAML.readTree(source.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
    }

    /** Every rule of every group, converted and checked. */
    public static List<Rule> rules(JsonNode source) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : required(source, "groups", "the file")) {
            for (JsonNode rule : required(group, "rules", "group " + group.path("name").asText())) {
                rules.add(convert(rule));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("No alert rule in the source");
        }
        return rules;
    }

    private static Rule convert(JsonNode rule) {
        String uid = text(rule, "uid", "a rule");
        String where = "rule " + uid;
        String title = text(rule, "title", where);
        if (!title.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(where + ": title '" + title + "' must be a valid alert name");
        }
        String condition = text(rule, "condition", where);
        JsonNode query = null;
        JsonNode threshold = null;
        for (JsonNode data : required(rule, "data", where)) {
            String refId = text(data, "refId", where);
            if (refId.equals(condition)) {
                threshold = data;
            } else if ("A".equals(refId)) {
                query = data;
            } else {
                throw new IllegalArgumentException(where + ": unexpected data " + refId
                        + " (the converter knows query A and threshold " + condition + ")");
            }
        }
        if (query == null || threshold == null) {
            throw new IllegalArgumentException(where + ": needs query A and threshold " + condition);
        }
        if (!"prometheus".equals(query.path("datasourceUid").asText())) {
            throw new IllegalArgumentException(where + ": query A must use the prometheus data source");
        }
        String expr = text(query.path("model"), "expr", where + " query A").strip();
        JsonNode model = threshold.path("model");
        if (!"threshold".equals(model.path("type").asText()) || !"A".equals(model.path("expression").asText())) {
            throw new IllegalArgumentException(where + ": condition " + condition + " must be a threshold on A");
        }
        JsonNode evaluator = model.path("conditions").path(0).path("evaluator");
        String operator = switch (evaluator.path("type").asText()) {
            case "gt" -> ">";
            case "lt" -> "<";
            default -> throw new IllegalArgumentException(where + ": threshold type must be gt or lt, not '"
                    + evaluator.path("type").asText() + "'");
        };
        JsonNode param = evaluator.path("params").path(0);
        if (!param.isNumber()) {
            throw new IllegalArgumentException(where + ": threshold needs a numeric params[0]");
        }
        String thresholdValue = new BigDecimal(param.asText()).stripTrailingZeros().toPlainString();

        Map<String, String> labels = new LinkedHashMap<>();
        rule.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(),
                e.getValue().asText().replace("$$", "$")));
        if (!labels.containsKey("severity")) {
            throw new IllegalArgumentException(where + ": label severity is required");
        }
        // A label in Grafana (labels are interpolated from its environment, annotations are not), Prometheus'
        // conventional annotation here.
        String runbook = labels.remove("runbook_url");
        if (runbook == null || !runbook.equals(RUNBOOK_BASE_VARIABLE + uid + ".md")) {
            throw new IllegalArgumentException(where + ": label runbook_url must be " + RUNBOOK_BASE_VARIABLE + uid
                    + ".md, not " + runbook);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        rule.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(),
                prometheusTemplate(e.getValue().asText(), where)));
        if (annotations.containsKey("runbook_url")) {
            throw new IllegalArgumentException(where + ": runbook_url is a label (from " + RUNBOOK_BASE_VARIABLE
                    + "), not an annotation");
        }
        annotations.put("runbook_url", runbookBase() + uid + ".md");
        for (String name : REQUIRED_ANNOTATIONS) {
            if (annotations.getOrDefault(name, "").isBlank()) {
                throw new IllegalArgumentException(where + ": annotation " + name + " is required");
            }
        }
        Rule converted = new Rule(uid, title, "(" + expr + ")\n" + operator + " " + thresholdValue,
                rule.path("for").asText("0s"), labels, annotations);
        if (!converted.runbook().equals(uid)) {
            throw new IllegalArgumentException(where + ": runbook_url must end in " + uid + ".md");
        }
        return converted;
    }

    /** The runbooks' base address: {@code RUNBOOK_BASE_URL} when set, else the local stack's slack-sink. */
    static String runbookBase() {
        String base = System.getenv("RUNBOOK_BASE_URL");
        return base == null || base.isBlank() ? DEFAULT_RUNBOOK_BASE : base;
    }

    /** Grafana's {@code $values.A.Value} is Prometheus' {@code $value}; anything else Grafana-only is refused. */
    static String prometheusTemplate(String grafana, String where) {
        if (OTHER_GRAFANA_VALUES.matcher(GRAFANA_VALUE.matcher(grafana).replaceAll("")).find()) {
            throw new IllegalArgumentException(where + ": annotation uses a Grafana-only value: " + grafana);
        }
        if (grafana.contains("${")) {
            throw new IllegalArgumentException(where + ": '${' in an annotation is interpolated by some Grafana "
                    + "versions and by none of the others: " + grafana);
        }
        return GRAFANA_VALUE.matcher(grafana).replaceAll(Matcher.quoteReplacement("$value"));
    }

    /** The Prometheus rule file (YAML text). */
    public static String prometheusRules(JsonNode source, PrometheusOptions options) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (JsonNode group : required(source, "groups", "the file")) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", text(group, "name", "a group"));
            out.put("interval", options.intervalOverride().orElse(group.path("interval").asText("1m")));
            List<Map<String, Object>> rules = new ArrayList<>();
            for (JsonNode rule : required(group, "rules", "group")) {
                Rule r = convert(rule);
                Map<String, Object> pr = new LinkedHashMap<>();
                pr.put("alert", r.alert());
                pr.put("expr", r.expr());
                pr.put("for", options.forOverride().orElse(r.forDuration()));
                pr.put("labels", r.labels());
                Map<String, String> annotations = new LinkedHashMap<>(r.annotations());
                options.keepAnnotations().ifPresent(keep -> annotations.keySet().retainAll(keep));
                pr.put("annotations", annotations);
                rules.add(pr);
            }
            out.put("rules", rules);
            groups.add(out);
        }
        return "# GENERATED from infra/alert-rules.yml by dev.obsaga.infra.AlertRulesConverter: do not edit.\n"
                + write(Map.of("groups", groups));
    }

    /** Alertmanager: the route and Slack receiver of the source, posting to {@code slackUrl}. */
    public static String alertmanagerConfig(JsonNode source, String slackUrl, Path templateDir,
            Map<String, String> routeOverrides) {
        JsonNode policy = required(source, "policies", "the file").path(0);
        JsonNode contactPoint = required(source, "contactPoints", "the file").path(0);
        JsonNode receiver = contactPoint.path("receivers").path(0);
        if (!"slack".equals(receiver.path("type").asText())) {
            throw new IllegalArgumentException("The contact point must be a Slack receiver");
        }
        String name = text(contactPoint, "name", "the contact point");
        if (!name.equals(text(policy, "receiver", "the policy"))) {
            throw new IllegalArgumentException("The policy must route to contact point " + name);
        }
        JsonNode settings = receiver.path("settings");
        Map<String, Object> slack = new LinkedHashMap<>();
        slack.put("api_url", slackUrl);
        slack.put("channel", settings.path("recipient").asText("#alerts"));
        slack.put("username", settings.path("username").asText("alertmanager"));
        slack.put("send_resolved", !receiver.path("disableResolveMessage").asBoolean(false));
        slack.put("title", text(settings, "title", "the contact point"));
        slack.put("text", text(settings, "text", "the contact point"));

        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", name);
        List<String> groupBy = new ArrayList<>();
        policy.path("group_by").forEach(g -> groupBy.add(g.asText()));
        route.put("group_by", groupBy);
        for (String key : List.of("group_wait", "group_interval", "repeat_interval")) {
            route.put(key, routeOverrides.getOrDefault(key, policy.path(key).asText()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("route", route);
        Map<String, Object> receiverConfig = new LinkedHashMap<>();
        receiverConfig.put("name", name);
        receiverConfig.put("slack_configs", List.of(slack));
        config.put("receivers", List.of(receiverConfig));
        config.put("templates", List.of(templateDir.resolve(TEMPLATE_FILE).toString()));
        return "# GENERATED from infra/alert-rules.yml by dev.obsaga.infra.AlertRulesConverter: do not edit.\n"
                + write(config);
    }

    /** The notification template(s) of the source, for Alertmanager's {@code templates}. */
    public static String template(JsonNode source) {
        StringBuilder all = new StringBuilder();
        for (JsonNode t : required(source, "templates", "the file")) {
            all.append(text(t, "template", "a template")).append('\n');
        }
        return all.toString();
    }

    private static String write(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a non-empty list");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return value;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("bad argument: " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        Path source = Path.of(opts.getOrDefault("source", "infra/alert-rules.yml"));
        JsonNode tree = read(source);
        if (opts.containsKey("prometheus-out")) {
            Path out = Path.of(opts.get("prometheus-out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, prometheusRules(tree, new PrometheusOptions(Optional.ofNullable(opts.get("for")),
                    Optional.ofNullable(opts.get("interval")), Optional.empty())), StandardCharsets.UTF_8);
            System.out.println("wrote " + out);
        }
        if (opts.containsKey("alertmanager-out")) {
            String url = opts.get("slack-url");
            if (url == null) {
                usage("--alertmanager-out needs --slack-url");
            }
            Path dir = Path.of(opts.get("alertmanager-out")).toAbsolutePath();
            Files.createDirectories(dir);
            Map<String, String> overrides = new LinkedHashMap<>();
            for (String key : List.of("group-wait", "group-interval", "repeat-interval")) {
                if (opts.containsKey(key)) {
                    overrides.put(key.replace('-', '_'), opts.get(key));
                }
            }
            Files.writeString(dir.resolve("alertmanager.yml"), alertmanagerConfig(tree, url, dir, overrides));
            Files.writeString(dir.resolve(TEMPLATE_FILE), template(tree));
            System.out.println("wrote " + dir.resolve("alertmanager.yml"));
        }
        if (!opts.containsKey("prometheus-out") && !opts.containsKey("alertmanager-out")) {
            usage("nothing to write");
        }
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: AlertRulesConverter --source infra/alert-rules.yml "
                + "[--prometheus-out FILE [--for DURATION] [--interval DURATION]] "
                + "[--alertmanager-out DIR --slack-url URL [--group-wait D] [--group-interval D] "
                + "[--repeat-interval D]]");
        System.exit(2);
    }
}
