package dev.obsaga.commons.telemetry;

/**
 * Keeps exemplars only where OpenMetrics allows them: on a counter's {@code _total} and a histogram's {@code _bucket}
 * samples. The Prometheus client also attaches them to a summary's {@code _count} (our timers without histogram
 * buckets, e.g. the reactive SQL client's), and Prometheus rejects the whole scrape for that ("metric name ... does
 * not support exemplars"): one such line would cost every series of the service.
 */
final class OpenMetricsExemplars {

    private static final String MARK = " # {";

    private OpenMetricsExemplars() {
    }

    static String strip(String openMetrics) {
        if (!openMetrics.contains(MARK)) {
            return openMetrics;
        }
        StringBuilder out = new StringBuilder(openMetrics.length());
        String type = "";
        int start = 0;
        while (start < openMetrics.length()) {
            int end = openMetrics.indexOf('\n', start);
            end = end < 0 ? openMetrics.length() : end + 1;
            String line = openMetrics.substring(start, end);
            if (line.startsWith("# TYPE ")) {
                type = line.substring(line.lastIndexOf(' ') + 1).trim();
            }
            int exemplar = line.indexOf(MARK);
            if (exemplar > 0 && !allowed(type, name(line))) {
                out.append(line, 0, exemplar).append('\n');
            } else {
                out.append(line);
            }
            start = end;
        }
        return out.toString();
    }

    private static String name(String sample) {
        int brace = sample.indexOf('{');
        int space = sample.indexOf(' ');
        int end = brace < 0 ? space : space < 0 ? brace : Math.min(brace, space);
        return end < 0 ? sample : sample.substring(0, end);
    }

    private static boolean allowed(String type, String name) {
        return switch (type) {
            case "counter" -> name.endsWith("_total");
            case "histogram", "gaugehistogram" -> name.endsWith("_bucket");
            default -> false;
        };
    }
}
