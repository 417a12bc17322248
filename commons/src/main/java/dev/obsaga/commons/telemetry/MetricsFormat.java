package dev.obsaga.commons.telemetry;

import java.util.Locale;
import java.util.Optional;

/**
 * Which exposition format a scraper gets, chosen from its {@code Accept} header by q-value (RFC 9110 §12.5.1):
 * OpenMetrics (which carries exemplars) or the Prometheus text format 0.0.4. Quarkus' own handler picks text
 * whenever {@code text/plain} appears anywhere in the header, whatever its weight, so Prometheus' default header
 * (OpenMetrics first, text at q=0.5) got no exemplars, and a bare {@code application/openmetrics-text} got 406.
 */
public enum MetricsFormat {

    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8", "application", "openmetrics-text"),
    TEXT("text/plain; version=0.0.4; charset=utf-8", "text", "plain");

    private final String contentType;
    private final String type;
    private final String subtype;

    MetricsFormat(String contentType, String type, String subtype) {
        this.contentType = contentType;
        this.type = type;
        this.subtype = subtype;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * The format to answer with; empty when the header accepts neither (406). No header, or a tie, means OpenMetrics
     * (Quarkus' own default, and the format with exemplars) — unless the tie is text/plain named by the client
     * against OpenMetrics reached only through a wildcard ({@code text/plain, *&#47;*}).
     */
    public static Optional<MetricsFormat> negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(OPENMETRICS);
        }
        Weight openMetrics = OPENMETRICS.weightIn(accept);
        Weight text = TEXT.weightIn(accept);
        if (openMetrics.q() <= 0 && text.q() <= 0) {
            return Optional.empty();
        }
        if (text.q() > openMetrics.q()
                || (text.q() == openMetrics.q() && text.specificity() == 2 && openMetrics.specificity() < 2)) {
            return Optional.of(TEXT);
        }
        return Optional.of(OPENMETRICS);
    }

    /** q-value of the most specific media range matching this format (2 = type/subtype, 1 = type/*, 0 = *&#47;*). */
    private Weight weightIn(String accept) {
        Weight best = new Weight(-1, 0);
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].trim().toLowerCase(Locale.ROOT);
            int specificity = specificity(media);
            if (specificity < 0 || specificity < best.specificity()) {
                continue;
            }
            double q = quality(parts);
            if (specificity > best.specificity() || best.q() < 0 || q > best.q()) {
                best = new Weight(specificity, q);
            }
        }
        return best.q() < 0 ? new Weight(-1, 0) : best;
    }

    private int specificity(String media) {
        if (media.equals(type + "/" + subtype)) {
            return 2;
        }
        if (media.equals(type + "/*")) {
            return 1;
        }
        return media.equals("*/*") ? 0 : -1;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private record Weight(int specificity, double q) {
    }
}
