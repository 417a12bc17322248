package dev.obsaga.loadgen;

import java.util.List;
import java.util.Map;

/**
 * Result of a run, also written as the JSON report ({@code --report FILE}). Counts cover the measured part of the
 * run (after the warm-up); the warm-up has its own {@link Warmup} block.
 */
public record Report(
        String runId,
        long seed,
        String scenario,
        String startedAt,
        double elapsedSeconds,
        Settings settings,
        Setup setup,
        Placement placement,
        LatencySummary placementLatencyMs,
        Sagas sagas,
        LatencySummary sagaDurationMs,
        Warmup warmup,
        FaultReport fault,
        Thresholds thresholds,
        List<String> failures,
        int exitCode) {

    /** True when the run passed (exit code 0). */
    public boolean passed() {
        return exitCode == ExitCodes.OK;
    }

    public record Settings(double rate, double durationSeconds, double warmupSeconds, double rampSeconds,
            int maxInFlight, double sagaDeadlineSeconds, boolean traceparent, String customersUrl, String ordersUrl,
            int customers) {
    }

    public record Setup(int customersRegistered, String error) {
    }

    /**
     * Placement requests ({@code POST /orders} and the invalid catalogue).
     *
     * @param scheduled         requests the schedule called for (sent + dropped)
     * @param dropped           due while {@code --max-in-flight} requests were outstanding: not sent
     * @param accepted          answered 202
     * @param unexpected        answers the request did not expect (a 5xx always), not explained by a fault
     * @param faultExpected     errors the active fault is known to cause (e.g. 503 during customers-outage)
     * @param maxSendLagMs      worst delay between a request's intended start and its actual send
     * @param byKind            kind of request → status (or "transport", "dropped") → count
     */
    public record Placement(long scheduled, long sent, long dropped, long responses, long ok2xx, long accepted,
            long clientErrors, long serverErrors, long transportErrors, long unexpected, long faultExpected,
            double achievedRate, double maxSendLagMs, Map<String, Long> byStatus,
            Map<String, Long> clientErrorsByStatus, Map<String, Long> serverErrorsByStatus,
            Map<String, Long> transportErrorsByType, Map<String, Long> unexpectedByStatus,
            Map<String, Long> faultExpectedByStatus, Map<String, Map<String, Long>> byKind) {
    }

    /**
     * Accepted orders followed to their final state.
     *
     * @param unexpectedFinal final state other than the request expected (e.g. REJECTED for an approving card)
     * @param lostOrders      the first {@value LoadStats#MAX_LOST_LISTED} lost orders
     */
    public record Sagas(long tracked, long confirmed, long rejected, long lost, long unexpectedFinal, long polls,
            List<LostOrder> lostOrders) {
    }

    /** An accepted order that was not final before its deadline. */
    public record LostOrder(String orderId, String lastStatus, int polls, String traceId, long ageMs) {
    }

    public record Warmup(long scheduled, long sent, long dropped, long accepted, long errors, long confirmed,
            long rejected, long lost, List<LostOrder> lostOrders) {
    }

    public record FaultReport(String scenario, String service, String kind, String body, String managementUrl,
            String appliedAt, String resetAt, String error) {
    }

    /**
     * @param errors    unexpected answers + transport errors + dropped requests (measured part)
     * @param errorRate errors / scheduled
     * @param broken    the thresholds the run broke, in words
     */
    public record Thresholds(double maxErrorRate, long errors, double errorRate, Double maxP99Ms,
            double placementP99Ms, List<String> broken) {
    }
}
