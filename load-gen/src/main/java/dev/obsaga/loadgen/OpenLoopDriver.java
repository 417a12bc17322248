package dev.obsaga.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Issues requests at the intended times of a {@link Schedule} from one dedicated thread, whatever the latency of
 * earlier requests (open model). Latency is measured from the intended start, so time a request spent waiting
 * because the system (or this client) was stalled is part of its latency: no coordinated omission. When
 * {@code maxInFlight} requests are outstanding, a due request is dropped and counted ("client saturated") instead
 * of delaying the schedule.
 */
public final class OpenLoopDriver {

    /** Where the driver reports; called from the scheduler thread (drops) or HTTP threads (completions). */
    public interface Listener {
        void dropped(long index, PlannedRequest request, long intendedNanos);

        void sent(long index, PlannedRequest request, long intendedNanos, long sendNanos);

        /**
         * @param latencyNanos {@code doneNanos - intendedNanos}: measured from the intended start
         */
        void completed(long index, PlannedRequest request, TraceContext trace, long intendedNanos, long sendNanos,
                long doneNanos, long latencyNanos, HttpResult result);
    }

    /** Supplies the request due as number {@code index}; called on the scheduler thread only. */
    public interface RequestSource {
        PlannedRequest next(long index);
    }

    private final Schedule schedule;
    private final int maxInFlight;
    private final ClientSpans spans;
    private final RequestSource source;
    private final HttpTransport transport;
    private final Listener listener;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;
    private volatile long issued;

    public OpenLoopDriver(Schedule schedule, int maxInFlight, ClientSpans spans, RequestSource source,
            HttpTransport transport, Listener listener) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
        this.schedule = schedule;
        this.maxInFlight = maxInFlight;
        this.spans = spans;
        this.source = source;
        this.transport = transport;
        this.listener = listener;
    }

    /** Starts the dedicated scheduler thread; the schedule's time 0 is {@code startNanos} ({@link System#nanoTime}). */
    public Thread start(long startNanos) {
        Thread thread = new Thread(() -> run(startNanos), "load-gen-scheduler");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
        return thread;
    }

    /** Runs the schedule on the calling thread; returns when every request is issued (not answered) or stopped. */
    public void run(long startNanos) {
        long count = schedule.count();
        for (long i = 0; i < count && !stopped; i++) {
            long intended = startNanos + schedule.offsetNanos(i);
            if (!waitUntil(intended)) {
                break;
            }
            PlannedRequest request = source.next(i);
            if (inFlight.get() >= maxInFlight) {
                listener.dropped(i, request, intended);
                issued = i + 1;
                continue;
            }
            inFlight.incrementAndGet();
            ClientCall call = spans.start(request, null);
            TraceContext trace = call.trace();
            long sendNanos = System.nanoTime();
            listener.sent(i, request, intended, sendNanos);
            long index = i;
            transport.send(request, call.traceparent())
                    .whenComplete((result, error) -> {
                        long done = System.nanoTime();
                        HttpResult r = error != null ? HttpResult.failed(VertxHttpTransport.unwrap(error)) : result;
                        try {
                            call.end(r);
                            listener.completed(index, request, trace, intended, sendNanos, done, done - intended, r);
                        } finally {
                            // only now: a run that waits for in-flight 0 must find the accepted order tracked
                            inFlight.decrementAndGet();
                        }
                    });
            issued = i + 1;
        }
    }

    private boolean waitUntil(long target) {
        long remaining;
        while ((remaining = target - System.nanoTime()) > 0) {
            if (stopped || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return !stopped;
    }

    public void stop() {
        stopped = true;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Number of requests handled by the schedule so far (sent or dropped). */
    public long issued() {
        return issued;
    }

    public long plannedCount() {
        return schedule.count();
    }
}
