package dev.obsaga.commons.telemetry;

import static dev.obsaga.commons.telemetry.MetricsFormat.OPENMETRICS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsFormatTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // Prometheus 2.42's default scrape header
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1 | OPENMETRICS",
            "application/openmetrics-text | OPENMETRICS",
            "application/openmetrics-text; version=1.0.0; charset=utf-8 | OPENMETRICS",
            "text/plain;q=0.9, application/openmetrics-text | OPENMETRICS",
            "application/openmetrics-text;q=0.4, text/plain;version=0.0.4;q=0.5 | TEXT",
            "text/plain | TEXT",
            "text/plain;version=0.0.4 | TEXT",
            "*/* | OPENMETRICS",
            "'text/plain, */*' | TEXT",
            "application/* | OPENMETRICS",
            "text/*, application/openmetrics-text;q=0 | TEXT",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | OPENMETRICS",
            "NULL | OPENMETRICS",
            "'' | OPENMETRICS",
            "application/json | NULL",
            "application/openmetrics-text;q=0, text/plain;q=0 | NULL",
    })
    void choosesByQualityThenByWhatTheClientNamed(String accept, String expected) {
        Optional<MetricsFormat> chosen = MetricsFormat.negotiate(accept);
        assertEquals(expected == null ? Optional.empty() : Optional.of(MetricsFormat.valueOf(expected)), chosen);
    }

    @ParameterizedTest
    @CsvSource({ "OPENMETRICS", "TEXT" })
    void contentTypesAreTheOnesThePrometheusClientWrites(MetricsFormat format) {
        assertEquals(format == OPENMETRICS ? io.prometheus.client.exporter.common.TextFormat.CONTENT_TYPE_OPENMETRICS_100
                : io.prometheus.client.exporter.common.TextFormat.CONTENT_TYPE_004, format.contentType());
    }
}
