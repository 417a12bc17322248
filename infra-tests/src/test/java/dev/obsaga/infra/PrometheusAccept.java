package dev.obsaga.infra;

import java.util.List;
import java.util.Map;

/** The Accept header Prometheus sends for a list of scrape_protocols (as Prometheus 3 builds it). */
final class PrometheusAccept {

    /** What Prometheus 2.x (Debian's 2.42) sends: it has no scrape_protocols. */
    static final String PROMETHEUS_2_DEFAULT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    static final Map<String, String> MEDIA_TYPES = Map.of(
            "OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8",
            "OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1;escaping=allow-utf-8",
            "PrometheusText0.0.4", "text/plain;version=0.0.4",
            "PrometheusText1.0.0", "text/plain;version=1.0.0;escaping=allow-utf-8",
            "PrometheusProto", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                    + "encoding=delimited;escaping=allow-utf-8");

    private PrometheusAccept() {
    }

    /** Each protocol with a falling q, then any type: the shape of Prometheus 3's header. */
    static String header(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no scrape_protocols: Prometheus would use its defaults");
        }
        StringBuilder header = new StringBuilder();
        int weight = protocols.size() + 1;
        for (String protocol : protocols) {
            String media = MEDIA_TYPES.get(protocol);
            if (media == null) {
                throw new IllegalArgumentException("unknown scrape protocol " + protocol);
            }
            header.append(media).append(";q=0.").append(weight--).append(',');
        }
        return header.append("*/*;q=0.").append(weight).toString();
    }
}
