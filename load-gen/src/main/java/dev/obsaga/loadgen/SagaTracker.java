package dev.obsaga.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

/**
 * Follows every accepted order to its final state with {@code GET /orders/{id}?wait=…}, a long-poll that orders
 * answers as soon as the order is final (at most {@code maxConcurrentPolls} in flight). A poll that comes back
 * PENDING is repeated with exponential backoff ({@code pollMin} doubling up to {@code pollMax}). The saga duration
 * runs from the order's intended start to the answer that saw CONFIRMED or REJECTED: with the long-poll that is
 * the saga plus one round trip; with {@code pollWait} 0 (plain polling) it over-estimates by up to one poll
 * interval. An order still not final when its deadline passes is lost.
 */
public final class SagaTracker implements AutoCloseable {

    private final HttpTransport transport;
    private final URI ordersUrl;
    private final long deadlineNanos;
    private final long pollMinNanos;
    private final long pollMaxNanos;
    private final String waitQuery;
    private final LongUnaryOperator deadlineBase;
    private final Semaphore permits;
    private final Queue<Saga> ready = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Saga> active = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();

    /**
     * @param deadlineBase maps an order's acceptance time to the time its deadline counts from (a fault phase
     *                     moves it to the end of the fault for orders it held up); evaluated at every check
     */
    public SagaTracker(HttpTransport transport, URI ordersUrl, Duration deadline, Duration pollMin, Duration pollMax,
            Duration pollWait, int maxConcurrentPolls, LongUnaryOperator deadlineBase) {
        this.transport = transport;
        this.ordersUrl = ordersUrl;
        this.deadlineNanos = deadline.toNanos();
        this.pollMinNanos = Math.max(1, pollMin.toNanos());
        this.pollMaxNanos = Math.max(pollMinNanos, pollMax.toNanos());
        this.waitQuery = pollWait.isZero() ? "" : "?wait=" + pollWait.toMillis() + "ms";
        this.deadlineBase = deadlineBase;
        this.permits = new Semaphore(maxConcurrentPolls);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-gen-saga-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private static final class Saga {
        final String orderId;
        final long intendedNanos;
        final long acceptedNanos;
        final String expectedFinal;
        final TraceContext trace;
        final LoadStats stats;
        long nextDelayNanos;
        int polls;
        String lastStatus = "PENDING";

        Saga(String orderId, long intendedNanos, long acceptedNanos, String expectedFinal, TraceContext trace,
                LoadStats stats, long firstDelay) {
            this.orderId = orderId;
            this.intendedNanos = intendedNanos;
            this.acceptedNanos = acceptedNanos;
            this.expectedFinal = expectedFinal;
            this.trace = trace;
            this.stats = stats;
            this.nextDelayNanos = firstDelay;
        }
    }

    /** Starts following an accepted order; its outcome is counted in {@code stats}. */
    public void track(String orderId, long intendedNanos, long acceptedNanos, String expectedFinal, TraceContext trace,
            LoadStats stats) {
        stats.sagasTracked.increment();
        pending.incrementAndGet();
        Saga saga = new Saga(orderId, intendedNanos, acceptedNanos, expectedFinal, trace, stats, pollMinNanos);
        active.add(saga);
        // A long-poll waits on the server: ask at once.
        schedule(saga, waitQuery.isEmpty() ? pollMinNanos : 0);
    }

    public int pending() {
        return pending.get();
    }

    /** Waits until every tracked order is final or lost; false when {@code maxWait} ran out first. */
    public boolean awaitAll(Duration maxWait) throws InterruptedException {
        long end = System.nanoTime() + maxWait.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
        return true;
    }

    private void schedule(Saga saga, long delayNanos) {
        try {
            timer.schedule(() -> {
                ready.add(saga);
                drain();
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // tracker closed: the run is over, the order is counted as lost by close()
        }
    }

    private void drain() {
        while (!ready.isEmpty() && permits.tryAcquire()) {
            Saga saga = ready.poll();
            if (saga == null) {
                permits.release();
                continue;
            }
            poll(saga);
        }
    }

    private void poll(Saga saga) {
        saga.polls++;
        saga.stats.polls.increment();
        PlannedRequest request = PlannedRequest.get("poll", ordersUrl.resolve("/orders/" + saga.orderId + waitQuery),
                Expectation.status(200));
        transport.send(request, saga.trace == null ? null : saga.trace.traceparent())
                .whenComplete((result, error) -> {
                    permits.release();
                    handle(saga, error == null ? result : HttpResult.failed(VertxHttpTransport.unwrap(error)));
                    drain();
                });
    }

    private void handle(Saga saga, HttpResult result) {
        long now = System.nanoTime();
        String status = result.status() == 200 ? statusOf(result.body()) : null;
        if (status != null) {
            saga.lastStatus = status;
        } else if (result.isTransportError()) {
            saga.lastStatus = "poll failed: " + result.errorType();
        } else if (result.status() != 200) {
            saga.lastStatus = "poll answered " + result.status();
        }
        if ("CONFIRMED".equals(status) || "REJECTED".equals(status)) {
            if (finish(saga)) {
                saga.stats.sagaFinal(status, saga.expectedFinal, now - saga.intendedNanos);
                done();
            }
            return;
        }
        long deadline = deadlineBase.applyAsLong(saga.acceptedNanos) + deadlineNanos;
        if (now >= deadline) {
            lose(saga, now);
            return;
        }
        long delay = Math.min(saga.nextDelayNanos, deadline - now);
        saga.nextDelayNanos = Math.min(pollMaxNanos, saga.nextDelayNanos * 2);
        schedule(saga, delay);
    }

    private void lose(Saga saga, long now) {
        if (!finish(saga)) {
            return;
        }
        saga.stats.sagaLost(new Report.LostOrder(saga.orderId, saga.lastStatus, saga.polls,
                saga.trace == null ? null : saga.trace.traceId(),
                Math.round((now - saga.acceptedNanos) / 1_000_000.0)));
        done();
    }

    private boolean finish(Saga saga) {
        return active.remove(saga);
    }

    private void done() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    static String statusOf(String body) {
        return Json.status(body);
    }

    /** Stops polling; orders still pending are counted as lost. */
    @Override
    public void close() {
        timer.shutdownNow();
        ready.clear();
        for (Saga saga : List.copyOf(active)) {
            lose(saga, System.nanoTime());
        }
    }
}
