package dev.obsaga.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * The OpenTelemetry Collector's own metrics endpoint (:8888/metrics), with the names and labels collector 0.111
 * writes (counters without the _total suffix), because no collector binary runs on this machine. It lets the
 * pipeline dashboard's collector panels be checked against a real Prometheus scrape; the collector's behaviour
 * itself (what it accepts, refuses, exports) is not what this proves.
 */
final class CollectorMetricsStub implements AutoCloseable {

    private final HttpServer server;
    private final long started = System.nanoTime();

    CollectorMetricsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private String metrics() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        StringBuilder out = new StringBuilder();
        counter(out, "otelcol_receiver_accepted_spans", "receiver=\"otlp\",transport=\"http\"", 40 * seconds);
        counter(out, "otelcol_receiver_refused_spans", "receiver=\"otlp\",transport=\"http\"", 0);
        counter(out, "otelcol_processor_dropped_spans", "processor=\"memory_limiter\"", 0);
        counter(out, "otelcol_exporter_sent_spans", "exporter=\"otlp/jaeger\"", 4 * seconds);
        counter(out, "otelcol_exporter_send_failed_spans", "exporter=\"otlp/jaeger\"", 0);
        counter(out, "otelcol_exporter_enqueue_failed_spans", "exporter=\"otlp/jaeger\"", 0);
        gauge(out, "otelcol_exporter_queue_size", "exporter=\"otlp/jaeger\"", 0);
        gauge(out, "otelcol_exporter_queue_capacity", "exporter=\"otlp/jaeger\"", 1000);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String labels, long value) {
        out.append("# TYPE ").append(name).append(" counter\n").append(name).append('{').append(labels)
                .append(",service_name=\"otelcol-contrib\"} ").append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String labels, long value) {
        out.append("# TYPE ").append(name).append(" gauge\n").append(name).append('{').append(labels)
                .append(",service_name=\"otelcol-contrib\"} ").append(value).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
