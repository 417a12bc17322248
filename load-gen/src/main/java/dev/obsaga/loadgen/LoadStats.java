package dev.obsaga.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters and histograms of one part of a run (measured, or warm-up). */
public final class LoadStats {

    static final int MAX_LOST_LISTED = 1_000;

    final LongAdder scheduled = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LongAdder ok2xx = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAdder faultExpected = new LongAdder();

    final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> unexpectedByStatus = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> faultExpectedByStatus = new ConcurrentHashMap<>();
    final Map<String, LongAdder> transportErrorsByType = new ConcurrentHashMap<>();
    final Map<String, Map<String, LongAdder>> byKind = new ConcurrentHashMap<>();

    final LatencyHistogram placement = new LatencyHistogram();
    final LatencyHistogram saga = new LatencyHistogram();
    final LatencyHistogram sendLag = new LatencyHistogram();

    final LongAdder sagasTracked = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder unexpectedFinal = new LongAdder();
    final LongAdder polls = new LongAdder();
    private final List<Report.LostOrder> lostOrders = new ArrayList<>();

    void dropped(PlannedRequest request) {
        scheduled.increment();
        dropped.increment();
        kind(request.kind(), "dropped");
    }

    void sent(long sendLagNanos) {
        scheduled.increment();
        sent.increment();
        sendLag.recordNanos(Math.max(0, sendLagNanos));
    }

    void transportError(PlannedRequest request, HttpResult result) {
        transportErrors.increment();
        count(transportErrorsByType, result.errorType());
        kind(request.kind(), "transport");
    }

    /**
     * Counts an answer; one that the request did not expect is unexpected unless {@code faultExplained}
     * (an error the active fault is known to cause, e.g. 503 while customers is down).
     */
    void response(PlannedRequest request, int status, long latencyNanos, boolean faultExplained) {
        responses.increment();
        placement.recordNanos(latencyNanos);
        count(byStatus, status);
        kind(request.kind(), Integer.toString(status));
        if (status >= 200 && status < 300) {
            ok2xx.increment();
        } else if (status >= 400 && status < 500) {
            clientErrors.increment();
        } else if (status >= 500) {
            serverErrors.increment();
        }
        if (status == 202) {
            accepted.increment();
        }
        if (request.expectation().matches(status)) {
            return;
        }
        if (faultExplained) {
            faultExpected.increment();
            count(faultExpectedByStatus, status);
        } else {
            unexpected.increment();
            count(unexpectedByStatus, status);
        }
    }

    void sagaFinal(String status, String expectedFinal, long sagaNanos) {
        saga.recordNanos(sagaNanos);
        if ("CONFIRMED".equals(status)) {
            confirmed.increment();
        } else {
            rejected.increment();
        }
        if (expectedFinal != null && !expectedFinal.equals(status)) {
            unexpectedFinal.increment();
        }
    }

    void sagaLost(Report.LostOrder order) {
        lost.increment();
        synchronized (lostOrders) {
            if (lostOrders.size() < MAX_LOST_LISTED) {
                lostOrders.add(order);
            }
        }
    }

    List<Report.LostOrder> lostOrders() {
        synchronized (lostOrders) {
            return List.copyOf(lostOrders);
        }
    }

    /** Requests that count against {@code --max-error-rate}: unexpected answers, transport errors, drops. */
    long errors() {
        return unexpected.sum() + transportErrors.sum() + dropped.sum();
    }

    double errorRate() {
        long total = scheduled.sum();
        return total == 0 ? 0 : (double) errors() / total;
    }

    private void kind(String kind, String outcome) {
        count(byKind.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()), outcome);
    }

    private static <K> void count(Map<K, LongAdder> map, K key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    static Map<String, Long> sorted(Map<?, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v.sum()));
        return out;
    }

    static Map<String, Map<String, Long>> sortedNested(Map<String, Map<String, LongAdder>> map) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, sorted(v)));
        return out;
    }

    static Map<String, Long> filterStatus(Map<Integer, LongAdder> map, int from, int to) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k >= from && k <= to) {
                out.put(String.valueOf(k), v.sum());
            }
        });
        return out;
    }
}
