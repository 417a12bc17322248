package dev.obsaga.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenMetricsExemplarsTests {

    static final String EX = " # {span_id=\"e4a6d2ae8a02c815\",trace_id=\"abe42f36e7506b55a597e80547275eb9\"} 1.0 1796178097.6";

    @Test
    void keepsExemplarsOnCounterTotalsAndHistogramBucketsOnly() {
        String in = """
                # TYPE customers_registered counter
                customers_registered_total{service="customers"} 1.0%1$s
                # TYPE postgresql_processing_seconds summary
                postgresql_processing_seconds_count{service="customers"} 23.0%1$s
                postgresql_processing_seconds_sum{service="customers"} 0.5
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="1.0"} 1.0%1$s
                http_server_requests_seconds_count 1.0%1$s
                # TYPE jvm_threads gauge
                jvm_threads_live 3.0%1$s
                # EOF
                """.formatted(EX);
        String expected = """
                # TYPE customers_registered counter
                customers_registered_total{service="customers"} 1.0%1$s
                # TYPE postgresql_processing_seconds summary
                postgresql_processing_seconds_count{service="customers"} 23.0
                postgresql_processing_seconds_sum{service="customers"} 0.5
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_bucket{le="1.0"} 1.0%1$s
                http_server_requests_seconds_count 1.0
                # TYPE jvm_threads gauge
                jvm_threads_live 3.0
                # EOF
                """.formatted(EX);
        assertEquals(expected, OpenMetricsExemplars.strip(in));
    }

    @Test
    void leavesAScrapeWithoutExemplarsAsItIs() {
        String in = "# TYPE a counter\na_total 1.0\n# EOF\n";
        assertEquals(in, OpenMetricsExemplars.strip(in));
    }
}
