package dev.obsaga.loadgen;

import java.io.OutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    private volatile String setupError;
    private int registered;
    private long loadStart;
    private PlacementOutcomes outcomes;

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
        String startedAt = Instant.now().toString();
        long runStart = System.nanoTime();
        FaultPhase fault = options.fault() == null ? null
                : new FaultPhase(options.fault(), options.managementUrl(options.fault().service()), log);
        try (ClientSpans spans = ClientSpans.create(options.traceparent(), options.otlpEndpoint());
                VertxHttpTransport transport = new VertxHttpTransport("placements", options.connections(),
                        options.requestTimeout(), options.bearerToken());
                // customers' registrations and the polls: each its own trace, a poll linked to its order
                HttpTransport pollTransport = spans.linking(new VertxHttpTransport("polls",
                        options.maxPollsInFlight() + 4, options.requestTimeout().plus(options.pollWait()),
                        options.bearerToken()));
                SagaTracker tracker = new SagaTracker(pollTransport, options.url(Service.ORDERS),
                        options.sagaDeadline(), options.pollMin(), options.pollMax(), options.pollWait(),
                        options.maxPollsInFlight(), fault == null ? accepted -> accepted : fault::deadlineBase)) {
            drive(new SplittableRandom(seed), runId, seed, spans, transport, pollTransport, tracker, fault);
        }
        double elapsed = (System.nanoTime() - runStart) / 1e9;
        return new ReportBuilder(options, measured, warm).build(new ReportBuilder.RunFacts(runId, seed, startedAt,
                elapsed, registered, loadStart, outcomes == null ? 0 : outcomes.lastMeasuredSendNanos(), setupError,
                fault));
    }

    /** Registers the customers, runs the load and its fault phase, and waits for the sagas it started. */
    private void drive(SplittableRandom random, String runId, long seed, ClientSpans spans,
            HttpTransport transport, HttpTransport pollTransport, SagaTracker tracker, FaultPhase fault) {
        ProgressPrinter progress = null;
        ScheduledThreadPoolExecutor phases = null;
        try {
            if (fault != null) {
                fault.preflight();
            }
            Scenario scenario = prepare(random.split(), runId, pollTransport);
            long warmupNanos = options.warmup().toNanos();
            Schedule schedule = new Schedule(options.rate(), options.ramp().toNanos(),
                    warmupNanos + options.duration().toNanos());
            SplittableRandom requestRandom = random.split();
            loadStart = System.nanoTime() + START_DELAY_NANOS;
            outcomes = new PlacementOutcomes(measured, warm, loadStart, options, fault, tracker, extraListener, log);
            OpenLoopDriver driver = new OpenLoopDriver(schedule, options.maxInFlight(), spans,
                    index -> scenario.next(index, requestRandom), transport, outcomes);
            log.printf("load: %s, %s req/s for %s (warm-up %s, ramp %s), %d requests, seed %d, run %s%n",
                    scenario.name(), options.rate(), Durations.format(options.duration()),
                    Durations.format(options.warmup()), Durations.format(options.ramp()), schedule.count(), seed,
                    runId);
            progress = options.progress() == null ? null : new ProgressPrinter(options.progress(), loadStart,
                    warmupNanos, measured, warm, driver, tracker).start();
            phases = fault == null ? null : schedulePhase(fault, driver, loadStart);
            driver.start(loadStart).join();
            finish(driver, phases, fault, tracker);
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

    /** The customer pool registered and the scenario ready to draw requests from it. */
    private Scenario prepare(SplittableRandom random, String runId, HttpTransport transport) throws SetupException {
        Scenario scenario = options.scenario().create(new OrderRequests(options.url(Service.ORDERS)));
        CustomerPool pool = new CustomerPool(transport, options.url(Service.CUSTOMERS), runId, random, log);
        pool.register(options.customers());
        registered = pool.size();
        scenario.prepare(pool);
        return scenario;
    }

    /** After the last request is due: its answer, the end of the fault phase, then every saga's end. */
    private void finish(OpenLoopDriver driver, ScheduledThreadPoolExecutor phases, FaultPhase fault,
            SagaTracker tracker) throws InterruptedException {
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
}
