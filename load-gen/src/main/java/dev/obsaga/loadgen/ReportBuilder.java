package dev.obsaga.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one run's statistics into its {@link Report}: the figures, the thresholds it broke, its failures and the
 * exit code that sums them up.
 */
final class ReportBuilder {

    /** What the run knew about itself besides its statistics. */
    record RunFacts(String runId, long seed, String startedAt, double elapsedSeconds, int registered,
            long loadStartNanos, long lastMeasuredSendNanos, String setupError, FaultPhase fault) {
    }

    private final LoadOptions options;
    private final LoadStats measured;
    private final LoadStats warm;

    ReportBuilder(LoadOptions options, LoadStats measured, LoadStats warm) {
        this.options = options;
        this.measured = measured;
        this.warm = warm;
    }

    Report build(RunFacts run) {
        LatencySummary placementLatency = measured.placement.summary();
        List<String> broken = brokenThresholds(placementLatency);
        long lost = measured.lost.sum() + warm.lost.sum();
        String faultError = run.fault() == null ? null : run.fault().error();
        List<String> failures = failures(broken, lost, run.setupError(), faultError);
        int exitCode = run.setupError() != null || faultError != null ? ExitCodes.SETUP_FAILED
                : lost > 0 ? ExitCodes.LOST_ORDERS
                : !broken.isEmpty() ? ExitCodes.THRESHOLD_BROKEN
                : ExitCodes.OK;
        double errorRate = measured.errorRate();
        return new Report(run.runId(), run.seed(), options.scenario().cliName(), run.startedAt(),
                round(run.elapsedSeconds(), 3), settings(), new Report.Setup(run.registered(), run.setupError()),
                placement(measuredSeconds(run)), placementLatency, sagas(), measured.saga.summary(), warmup(),
                run.fault() == null ? null : run.fault().report(),
                new Report.Thresholds(options.maxErrorRate(), measured.errors(), round(errorRate, 6),
                        options.maxP99Ms(), placementLatency.p99Ms(), List.copyOf(broken)),
                List.copyOf(failures), exitCode);
    }

    /** The measured phase's length: as set, or longer when the schedule ran late. */
    private double measuredSeconds(RunFacts run) {
        double durationSeconds = options.duration().toNanos() / 1e9;
        return Math.max(durationSeconds,
                (run.lastMeasuredSendNanos() - run.loadStartNanos() - options.warmup().toNanos()) / 1e9);
    }

    private Report.Placement placement(double measuredSeconds) {
        long sent = measured.sent.sum();
        return new Report.Placement(measured.scheduled.sum(), sent, measured.dropped.sum(), measured.responses.sum(),
                measured.ok2xx.sum(), measured.accepted.sum(), measured.clientErrors.sum(),
                measured.serverErrors.sum(), measured.transportErrors.sum(), measured.unexpected.sum(),
                measured.faultExpected.sum(), round(sent / measuredSeconds, 1), measured.sendLag.summary().maxMs(),
                LoadStats.sorted(measured.byStatus), LoadStats.filterStatus(measured.byStatus, 400, 499),
                LoadStats.filterStatus(measured.byStatus, 500, 599), LoadStats.sorted(measured.transportErrorsByType),
                LoadStats.sorted(measured.unexpectedByStatus), LoadStats.sorted(measured.faultExpectedByStatus),
                LoadStats.sortedNested(measured.byKind));
    }

    private Report.Sagas sagas() {
        return new Report.Sagas(measured.sagasTracked.sum(), measured.confirmed.sum(), measured.rejected.sum(),
                measured.lost.sum(), measured.unexpectedFinal.sum(), measured.polls.sum(), measured.lostOrders());
    }

    private Report.Warmup warmup() {
        return new Report.Warmup(warm.scheduled.sum(), warm.sent.sum(), warm.dropped.sum(), warm.accepted.sum(),
                warm.errors(), warm.confirmed.sum(), warm.rejected.sum(), warm.lost.sum(), warm.lostOrders());
    }

    private Report.Settings settings() {
        return new Report.Settings(options.rate(), options.duration().toNanos() / 1e9,
                options.warmup().toNanos() / 1e9, options.ramp().toNanos() / 1e9, options.maxInFlight(),
                options.sagaDeadline().toNanos() / 1e9,
                options.traceparent() && options.otlpEndpoint() != null && !options.otlpEndpoint().isBlank(),
                options.url(Service.CUSTOMERS).toString(), options.url(Service.ORDERS).toString(),
                options.customers());
    }

    /** The --max-error-rate and --max-p99 thresholds the measured phase broke, and a 5xx to a bad request. */
    private List<String> brokenThresholds(LatencySummary placementLatency) {
        List<String> broken = new ArrayList<>();
        double errorRate = measured.errorRate();
        if (errorRate > options.maxErrorRate()) {
            broken.add(String.format(Locale.ROOT, "error rate %.4f > --max-error-rate %s (%d of %d requests)",
                    errorRate, options.maxErrorRate(), measured.errors(), measured.scheduled.sum()));
        }
        if (options.maxP99Ms() != null && placementLatency.p99Ms() > options.maxP99Ms()) {
            broken.add(String.format(Locale.ROOT, "placement p99 %.3f ms > --max-p99 %s ms",
                    placementLatency.p99Ms(), options.maxP99Ms()));
        }
        if (options.scenario() == ScenarioKind.INVALID) {
            long fiveHundreds = LoadStats.filterStatus(measured.unexpectedByStatus, 500, 599).values().stream()
                    .mapToLong(Long::longValue).sum();
            if (fiveHundreds > 0) {
                broken.add("invalid scenario: " + fiveHundreds + " bad requests answered with a 5xx");
            }
        }
        return broken;
    }

    private List<String> failures(List<String> broken, long lost, String setupError, String faultError) {
        List<String> failures = new ArrayList<>(broken);
        if (lost > 0) {
            failures.add(lost + " accepted orders not final within --saga-deadline "
                    + Durations.format(options.sagaDeadline()));
        }
        if (setupError != null) {
            failures.add("set-up failed: " + setupError);
        }
        if (faultError != null && !faultError.equals(setupError)) {
            failures.add("fault control failed: " + faultError);
        }
        return failures;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
