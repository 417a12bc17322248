package dev.obsaga.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything one run needs, decided before it starts (the quick mode only shortens the durations).
 *
 * @param jvmOptions     the services' JVM options; {@code {service}} is replaced by the service's name
 * @param skip           phases left out: perftest, pgbench, cold-start, search, telemetry
 */
public record BenchSettings(
        boolean quick,
        Path root,
        Path out,
        String java,
        List<String> jvmOptions,
        boolean aotCache,
        double rate,
        double p99LimitMs,
        double startRate,
        double growth,
        int refinements,
        int maxSteps,
        SettledCriterion settle,
        SettledCriterion stepSettle,
        int measureSeconds,
        int stepSeconds,
        int repeats,
        int perftestSeconds,
        int pgbenchSeconds,
        int coldStartSeconds,
        int portOffset,
        String database,
        String vhost,
        int dbPool,
        List<String> loadGenJvm,
        List<String> loadGenArgs,
        Set<String> skip) {

    public static final List<String> SERVICES = List.of("customers", "orders", "payments", "notifications");
    /** order.created, payment.succeeded, order.confirmed: the broker messages of one happy order. */
    public static final int MESSAGES_PER_ORDER = 3;

    public boolean runs(String phase) {
        return !skip.contains(phase);
    }

    public String mode() {
        return quick ? "quick" : "full";
    }
}
