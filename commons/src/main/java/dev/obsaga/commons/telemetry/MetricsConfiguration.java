package dev.obsaga.commons.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * What every service's metrics have in common: a {@code service} label on every series, histogram buckets
 * chosen for our SLOs (docs/metrics.md), and gRPC's own {@code service} tag renamed so it does not clash.
 */
@Singleton
public class MetricsConfiguration {

    /** Request latency: around the 300 ms placement SLO, fine below it where the system normally is. */
    static final Duration[] LATENCY_BUCKETS = durations(5, 10, 25, 50, 100, 250, 300, 500, 1000, 2500, 5000);
    /** Broker and queue times: usually milliseconds; the alert threshold (time in queue p95) is 1 s. */
    static final Duration[] MESSAGING_BUCKETS = durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);
    /** The whole saga, created → final: SLO-ish target 250 ms p99, stuck orders show up past 5 s. */
    static final Duration[] SAGA_BUCKETS = durations(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000);

    /**
     * One filter for both label rules, because their order matters: gRPC's own {@code service} tag (the gRPC
     * service name) must become {@code grpc_service} before ours is added, or one would overwrite the other.
     */
    @Produces
    @Singleton
    MeterFilter serviceLabel(@ConfigProperty(name = "quarkus.application.name") String service) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return withServiceLabel(id, service);
            }
        };
    }

    /** Idempotent: Quarkus applies the filter once per registry (the global composite and Prometheus). */
    static Meter.Id withServiceLabel(Meter.Id id, String service) {
        boolean renamed = id.getTag("grpc_service") != null;
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            if (MetricNames.SERVICE_LABEL.equals(tag.getKey())) {
                if (id.getName().startsWith("grpc.") && !renamed) {
                    tags.add(Tag.of("grpc_service", tag.getValue()));
                }
            } else {
                tags.add(tag);
            }
        }
        tags.add(Tag.of(MetricNames.SERVICE_LABEL, service));
        return id.replaceTags(tags);
    }

    /**
     * {@code obsaga.metrics.custom.enabled=false} makes our own meters no-ops (the framework's stay): the
     * benchmark's telemetry-off run, and a way to tell what they cost. Denied meters still accept recordings, so
     * the code that records needs no switch of its own.
     */
    @Produces
    @Singleton
    MeterFilter customMetricsSwitch(
            @ConfigProperty(name = "obsaga.metrics.custom.enabled", defaultValue = "true") boolean enabled) {
        return enabled ? new MeterFilter() {
        } : MeterFilter.deny(id -> MetricNames.isCustom(id.getName()));
    }

    @Produces
    @Singleton
    MeterFilter histogramBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                Duration[] buckets = bucketsFor(id.getName());
                if (buckets == null) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Arrays.stream(buckets).mapToDouble(d -> d.toNanos()).toArray())
                        .build().merge(config);
            }
        };
    }

    static Duration[] bucketsFor(String name) {
        if (name.equals("http.server.requests") || name.startsWith("grpc.server.processing.duration")
                || name.startsWith("grpc.client.processing.duration")) {
            return LATENCY_BUCKETS;
        }
        if (name.startsWith("obsaga.messaging.")) {
            return MESSAGING_BUCKETS;
        }
        if (name.equals(MetricNames.ORDER_SAGA_DURATION)) {
            return SAGA_BUCKETS;
        }
        return null;
    }

    private static Duration[] durations(long... millis) {
        return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
