package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Classifies each placement's outcome into the warm-up's or the measured statistics (by when it was due) and hands
 * every accepted order to the saga tracker; a test's own listener hears everything after that.
 */
final class PlacementOutcomes implements OpenLoopDriver.Listener {

    private final LoadStats measured;
    private final LoadStats warm;
    private final long loadStart;
    private final long warmupNanos;
    private final FaultPhase fault;
    private final long faultGraceNanos;
    private final SagaTracker tracker;
    private final OpenLoopDriver.Listener extraListener;
    private final PrintStream log;
    private final AtomicLong lastMeasuredSend = new AtomicLong();

    PlacementOutcomes(LoadStats measured, LoadStats warm, long loadStart, LoadOptions options, FaultPhase fault,
            SagaTracker tracker, OpenLoopDriver.Listener extraListener, PrintStream log) {
        this.measured = measured;
        this.warm = warm;
        this.loadStart = loadStart;
        this.warmupNanos = options.warmup().toNanos();
        this.fault = fault;
        this.faultGraceNanos = options.faultGrace().toNanos();
        this.tracker = tracker;
        this.extraListener = extraListener;
        this.log = log;
    }

    /** When the last measured request went out (System.nanoTime), so a late-running schedule is measured whole. */
    long lastMeasuredSendNanos() {
        return lastMeasuredSend.get();
    }

    @Override
    public void dropped(long index, PlannedRequest request, long intendedNanos) {
        statsFor(intendedNanos).dropped(request);
        if (extraListener != null) {
            extraListener.dropped(index, request, intendedNanos);
        }
    }

    @Override
    public void sent(long index, PlannedRequest request, long intendedNanos, long sendNanos) {
        LoadStats stats = statsFor(intendedNanos);
        stats.sent(sendNanos - intendedNanos);
        if (stats == measured) {
            lastMeasuredSend.accumulateAndGet(sendNanos, Math::max);
        }
        if (extraListener != null) {
            extraListener.sent(index, request, intendedNanos, sendNanos);
        }
    }

    @Override
    public void completed(long index, PlannedRequest request, TraceContext trace, long intendedNanos, long sendNanos,
            long doneNanos, long latencyNanos, HttpResult result) {
        LoadStats stats = statsFor(intendedNanos);
        if (result.isTransportError()) {
            stats.transportError(request, result);
        } else {
            boolean explained = fault != null && fault.explains(result.status(), doneNanos, faultGraceNanos);
            stats.response(request, result.status(), latencyNanos, explained);
            if (result.status() == 202) {
                track(request, trace, intendedNanos, doneNanos, result, stats);
            }
        }
        if (extraListener != null) {
            extraListener.completed(index, request, trace, intendedNanos, sendNanos, doneNanos, latencyNanos, result);
        }
    }

    private void track(PlannedRequest request, TraceContext trace, long intendedNanos, long doneNanos,
            HttpResult result, LoadStats stats) {
        String id = orderId(result);
        if (id != null) {
            tracker.track(id, intendedNanos, doneNanos, request.expectation().finalStatus(), trace, stats);
        } else {
            log.println("202 without an order id: " + result.body());
        }
    }

    private LoadStats statsFor(long intendedNanos) {
        return intendedNanos - loadStart < warmupNanos ? warm : measured;
    }

    /** The accepted order's id: from the body, else the last segment of its Location. */
    static String orderId(HttpResult result) {
        String id = CustomerPool.idOf(result.body());
        if (id == null && result.location() != null) {
            String location = result.location();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        return id == null || id.isBlank() ? null : id;
    }
}
