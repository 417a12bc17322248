package dev.obsaga.commons.telemetry;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/metrics} with real content negotiation ({@link MetricsFormat}), in front of Quarkus' own handler
 * (route order 1, which produces only text/plain or an exact OpenMetrics type and ignores q-values): so any
 * Prometheus version with its default scrape config, and a plain curl, gets OpenMetrics and its exemplars.
 */
@ApplicationScoped
public class MetricsEndpoint {

    /** Quarkus' default: the non-application root {@code /q} plus {@code quarkus.micrometer.export.prometheus.path}. */
    static final String PATH = "/q/metrics";

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes ManagementInterface management) {
        management.router().route(HttpMethod.GET, PATH).order(-1).handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        Optional<MetricsFormat> format = MetricsFormat.negotiate(ctx.request().getHeader(HttpHeaders.ACCEPT));
        if (format.isEmpty()) {
            ctx.response().setStatusCode(406).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                    .end("Acceptable: " + MetricsFormat.OPENMETRICS.contentType() + ", "
                            + MetricsFormat.TEXT.contentType() + "\n");
            return;
        }
        String contentType = format.get().contentType();
        String body = registry.scrape(contentType);
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .end(format.get() == MetricsFormat.OPENMETRICS ? OpenMetricsExemplars.strip(body) : body);
    }
}
