package dev.obsaga.loadgen;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One load run, callable from Java ({@link #run(LoadOptions)}) as well as from the CLI: registers the customer
 * pool, drives the open-model load, follows every accepted order, runs the fault phase, and judges the result.
 */
public final class LoadRun {

    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LoadOptions options;
    private final OpenLoopDriver.Listener extraListener;
    private final PrintStream log;
    private final LoadStats measured = new LoadStats();
    private final LoadStats warm = new LoadStats();
    private final AtomicLong lastMeasuredSend = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private volatile String setupError;

    private LoadRun(LoadOptions options, OpenLoopDriver.Listener extraListener) {
        this.options = options;
        this.extraListener = extraListener;
        this.log = options.log() != null ? options.log() : new PrintStream(OutputStream.nullOutputStream());
    }

    /**
     * Runs the load described by {@code options} and returns its report (not written anywhere: see
     * {@link ReportJson}). Blocks for warm-up + duration + the time the last sagas take.
     *
     * @throws IllegalArgumentException when the options are invalid
     */
    public static Report run(LoadOptions options) {
        return run(options, null);
    }

    /** As {@link #run(LoadOptions)}, also telling {@code listener} about every placement request (tests). */
    public static Report run(LoadOptions options, OpenLoopDriver.Listener listener) {
        String problem = options.validate();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new LoadRun(options, listener).execute();
    }

    private Report execute() {
        long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
        String runId = Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
        SplittableRandom random = new SplittableRandom(seed);
        String startedAt = Instant.now().toString();
        long runStart = System.nanoTime();
        URI ordersUrl = options.url(Service.ORDERS);
        FaultPhase fault = options.fault() == null ? null
                : new FaultPhase(options.fault(), options.managementUrl(options.fault().service()), log);
        int registered = 0;
        long loadStart = 0;

        try (ClientSpans spans = ClientSpans.create(options.traceparent(), options.otlpEndpoint());
                VertxHttpTransport transport = new VertxHttpTransport("placements", options.connections(),
                        options.requestTimeout(), options.bearerToken());
                // customers' registrations and the polls: each its own trace, a poll linked to its order
                HttpTransport pollTransport = spans.linking(new VertxHttpTransport("polls",
                        options.maxPollsInFlight() + 4, options.requestTimeout().plus(options.pollWait()),
                        options.bearerToken()));
                SagaTracker tracker = new SagaTracker(pollTransport, ordersUrl, options.sagaDeadline(),
                        options.pollMin(), options.pollMax(), options.pollWait(), options.maxPollsInFlight(),
                        fault == null ? accepted -> accepted : fault::deadlineBase)) {
            ProgressPrinter progress = null;
            ScheduledThreadPoolExecutor phases = null;
            try {
                if (fault != null) {
                    fault.preflight();
                }
                OrderRequests orders = new OrderRequests(ordersUrl);
                Scenario scenario = options.scenario().create(orders);
                CustomerPool pool = new CustomerPool(pollTransport, options.url(Service.CUSTOMERS), runId,
                        random.split(), log);
                pool.register(options.customers());
                registered = pool.size();
                scenario.prepare(pool);

                long warmupNanos = options.warmup().toNanos();
                Schedule schedule = new Schedule(options.rate(), options.ramp().toNanos(),
                        warmupNanos + options.duration().toNanos());
                SplittableRandom requestRandom = random.split();
                loadStart = System.nanoTime() + START_DELAY_NANOS;
                Outcomes outcomes = new Outcomes(loadStart, warmupNanos, fault, tracker);
                OpenLoopDriver driver = new OpenLoopDriver(schedule, options.maxInFlight(), spans,
                        index -> scenario.next(index, requestRandom), transport, outcomes);
                log.printf("load: %s, %s req/s for %s (warm-up %s, ramp %s), %d requests, seed %d, run %s%n",
                        scenario.name(), options.rate(), Durations.format(options.duration()),
                        Durations.format(options.warmup()), Durations.format(options.ramp()), schedule.count(), seed,
                        runId);
                if (options.progress() != null) {
                    progress = new ProgressPrinter(options.progress(), loadStart, warmupNanos, measured, warm,
                            driver, tracker).start();
                }
                if (fault != null) {
                    phases = schedulePhase(fault, driver, loadStart);
                }
                Thread scheduler = driver.start(loadStart);
                scheduler.join();
                awaitPlacements(driver);
                if (phases != null) {
                    phases.shutdown();
                    phases.awaitTermination(30, TimeUnit.SECONDS);
                }
                if (fault != null) {
                    fault.reset();
                }
                Duration sagaWait = options.sagaDeadline().plus(options.requestTimeout()).plusSeconds(5);
                if (!tracker.awaitAll(sagaWait)) {
                    log.printf("%d orders still pending after %s: counted as lost%n", tracker.pending(),
                            Durations.format(sagaWait));
                }
            } catch (SetupException e) {
                setupError = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                setupError = "interrupted";
            } finally {
                if (phases != null) {
                    phases.shutdownNow();
                }
                if (fault != null) {
                    fault.close();
                }
                tracker.close();
                if (progress != null) {
                    progress.stop();
                }
            }
        }
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        return buildReport(runId, seed, startedAt, elapsed, registered, loadStart, fault);
    }

    private ScheduledThreadPoolExecutor schedulePhase(FaultPhase fault, OpenLoopDriver driver, long loadStart) {
        ScheduledThreadPoolExecutor phases = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "load-gen-fault-phase");
            t.setDaemon(true);
            return t;
        });
        phases.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long now = System.nanoTime();
        long on = loadStart + options.faultStart().toNanos() - now;
        phases.schedule(() -> {
            try {
                fault.apply();
            } catch (SetupException e) {
                setupError = e.getMessage();
                log.println("fault could not be applied, stopping the load: " + e.getMessage());
                driver.stop();
            }
        }, Math.max(0, on), TimeUnit.NANOSECONDS);
        if (options.faultDuration() != null) {
            phases.schedule(fault::reset, Math.max(0, on + options.faultDuration().toNanos()), TimeUnit.NANOSECONDS);
        }
        return phases;
    }

    private void awaitPlacements(OpenLoopDriver driver) {
        long end = System.nanoTime() + options.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
        while (driver.inFlight() > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Classifies each placement outcome and hands accepted orders to the saga tracker. */
    private final class Outcomes implements OpenLoopDriver.Listener {
        private final long loadStart;
        private final long warmupNanos;
        private final FaultPhase fault;
        private final SagaTracker tracker;
        private final long graceNanos = options.faultGrace().toNanos();

        Outcomes(long loadStart, long warmupNanos, FaultPhase fault, SagaTracker tracker) {
            this.loadStart = loadStart;
            this.warmupNanos = warmupNanos;
            this.fault = fault;
            this.tracker = tracker;
        }

        private LoadStats statsFor(long intendedNanos) {
            return intendedNanos - loadStart < warmupNanos ? warm : measured;
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
        public void completed(long index, PlannedRequest request, TraceContext trace, long intendedNanos,
                long sendNanos, long doneNanos, long latencyNanos, HttpResult result) {
            LoadStats stats = statsFor(intendedNanos);
            if (result.isTransportError()) {
                stats.transportError(request, result);
            } else {
                boolean explained = fault != null && fault.explains(result.status(), doneNanos, graceNanos);
                stats.response(request, result.status(), latencyNanos, explained);
                if (result.status() == 202) {
                    String id = orderId(result);
                    if (id != null) {
                        tracker.track(id, intendedNanos, doneNanos, request.expectation().finalStatus(), trace,
                                stats);
                    } else {
                        log.println("202 without an order id: " + result.body());
                    }
                }
            }
            if (extraListener != null) {
                extraListener.completed(index, request, trace, intendedNanos, sendNanos, doneNanos, latencyNanos,
                        result);
            }
        }
    }

    static String orderId(HttpResult result) {
        String id = CustomerPool.idOf(result.body());
        if (id == null && result.location() != null) {
            String location = result.location();
            id = location.substring(location.lastIndexOf('/') + 1);
        }
        return id == null || id.isBlank() ? null : id;
    }

    private Report buildReport(String runId, long seed, String startedAt, double elapsed, int registered,
            long loadStart, FaultPhase fault) {
        LatencySummary placementLatency = measured.placement.summary();
        LatencySummary sagaDuration = measured.saga.summary();
        double durationSeconds = options.duration().toNanos() / 1e9;
        double measuredSeconds = Math.max(durationSeconds,
                (lastMeasuredSend.get() - loadStart - options.warmup().toNanos()) / 1e9);
        long sent = measured.sent.sum();
        Report.Placement placement = new Report.Placement(measured.scheduled.sum(), sent, measured.dropped.sum(),
                measured.responses.sum(), measured.ok2xx.sum(), measured.accepted.sum(), measured.clientErrors.sum(),
                measured.serverErrors.sum(), measured.transportErrors.sum(), measured.unexpected.sum(),
                measured.faultExpected.sum(), round(sent / measuredSeconds, 1),
                measured.sendLag.summary().maxMs(), LoadStats.sorted(measured.byStatus),
                LoadStats.filterStatus(measured.byStatus, 400, 499),
                LoadStats.filterStatus(measured.byStatus, 500, 599),
                LoadStats.sorted(measured.transportErrorsByType), LoadStats.sorted(measured.unexpectedByStatus),
                LoadStats.sorted(measured.faultExpectedByStatus), LoadStats.sortedNested(measured.byKind));
        Report.Sagas sagas = new Report.Sagas(measured.sagasTracked.sum(), measured.confirmed.sum(),
                measured.rejected.sum(), measured.lost.sum(), measured.unexpectedFinal.sum(), measured.polls.sum(),
                measured.lostOrders());
        Report.Warmup warmup = new Report.Warmup(warm.scheduled.sum(), warm.sent.sum(), warm.dropped.sum(),
                warm.accepted.sum(), warm.errors(), warm.confirmed.sum(), warm.rejected.sum(), warm.lost.sum(),
                warm.lostOrders());

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
        failures.addAll(broken);
        long lost = measured.lost.sum() + warm.lost.sum();
        if (lost > 0) {
            failures.add(lost + " accepted orders not final within --saga-deadline "
                    + Durations.format(options.sagaDeadline()));
        }
        String faultError = fault == null ? null : fault.error();
        if (setupError != null) {
            failures.add("set-up failed: " + setupError);
        }
        if (faultError != null && !faultError.equals(setupError)) {
            failures.add("fault control failed: " + faultError);
        }
        int exitCode = setupError != null || faultError != null ? ExitCodes.SETUP_FAILED
                : lost > 0 ? ExitCodes.LOST_ORDERS
                : !broken.isEmpty() ? ExitCodes.THRESHOLD_BROKEN
                : ExitCodes.OK;

        Report.Settings settings = new Report.Settings(options.rate(), durationSeconds,
                options.warmup().toNanos() / 1e9, options.ramp().toNanos() / 1e9, options.maxInFlight(),
                options.sagaDeadline().toNanos() / 1e9,
                options.traceparent() && options.otlpEndpoint() != null && !options.otlpEndpoint().isBlank(),
                options.url(Service.CUSTOMERS).toString(), options.url(Service.ORDERS).toString(),
                options.customers());
        return new Report(runId, seed, options.scenario().cliName(), startedAt, round(elapsed, 3), settings,
                new Report.Setup(registered, setupError), placement, placementLatency, sagas, sagaDuration, warmup,
                fault == null ? null : fault.report(),
                new Report.Thresholds(options.maxErrorRate(), measured.errors(), round(errorRate, 6),
                        options.maxP99Ms(), placementLatency.p99Ms(), List.copyOf(broken)),
                List.copyOf(failures), exitCode);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
