package dev.obsaga.faulttests;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.obsaga.loadgen.HttpResult;
import dev.obsaga.loadgen.LoadOptions;
import dev.obsaga.loadgen.LoadRun;
import dev.obsaga.loadgen.OpenLoopDriver;
import dev.obsaga.loadgen.PlannedRequest;
import dev.obsaga.loadgen.Report;
import dev.obsaga.loadgen.ScenarioKind;
import dev.obsaga.loadgen.Service;
import dev.obsaga.loadgen.TraceContext;
import dev.obsaga.testsupport.SagaService;

/**
 * load-gen's open-model load ({@link LoadRun}) on a thread of its own while the test breaks things, remembering the
 * id of every order the system accepted (202): those are the orders that must all end final, paid once, notified
 * once. The mixed scenario, so both final states (CONFIRMED, REJECTED) and some refused requests are in the mix.
 */
final class BackgroundLoad {

    /** Orders per second; lower it with FAULT_LOAD_RATE when the machine cannot keep up. */
    static final double RATE = Double.parseDouble(System.getenv().getOrDefault("FAULT_LOAD_RATE", "100"));
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unidentified = new AtomicInteger();
    private final CompletableFuture<Report> report;

    private BackgroundLoad(LoadOptions options) {
        report = CompletableFuture.supplyAsync(() -> LoadRun.run(options, new AcceptedOrders()),
                runnable -> {
                    Thread thread = new Thread(runnable, "fault-test-load");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    static BackgroundLoad start(Duration duration) {
        return start(options(duration).build());
    }

    static BackgroundLoad start(Duration duration, double rate) {
        return start(options(duration).rate(rate).build());
    }

    static BackgroundLoad start(LoadOptions options) {
        return new BackgroundLoad(options);
    }

    static LoadOptions.Builder options(Duration duration) {
        LoadOptions.Builder builder = LoadOptions.builder().rate(RATE).duration(duration)
                .scenario(ScenarioKind.MIXED).customers(20)
                // An order held up by a fault has a minute to end final; the ledger checks the database anyway.
                .sagaDeadline(Duration.ofSeconds(60)).requestTimeout(Duration.ofSeconds(5))
                // Polls are not what is tested: few of them leave the two cores to the saga itself.
                .pollMin(Duration.ofMillis(100)).pollMax(Duration.ofSeconds(1)).maxPollsInFlight(32)
                .progress(null).log(System.out)
                .bearerToken(dev.obsaga.testsupport.TestCredentials.operatorToken());
        for (SagaService service : SagaService.values()) {
            Service target = Service.valueOf(service.name());
            builder.url(target, URI.create(service.baseUrl())).managementUrl(target, URI.create(service.managementUrl()));
        }
        return builder;
    }

    Set<String> acceptedOrderIds() {
        return Set.copyOf(accepted);
    }

    /** 202 answers that named no order: an accepted order the checks could not follow. */
    int unidentifiedAccepted() {
        return unidentified.get();
    }

    int acceptedSoFar() {
        return accepted.size();
    }

    boolean isRunning() {
        return !report.isDone();
    }

    /** Waits for the end of the run (the load, then every followed saga final or past its deadline). */
    Report awaitReport(Duration atMost) {
        try {
            return report.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("load-gen did not finish its run: " + e, e);
        }
    }

    private final class AcceptedOrders implements OpenLoopDriver.Listener {
        @Override
        public void dropped(long index, PlannedRequest request, long intendedNanos) {
        }

        @Override
        public void sent(long index, PlannedRequest request, long intendedNanos, long sendNanos) {
        }

        @Override
        public void completed(long index, PlannedRequest request, TraceContext trace, long intendedNanos,
                long sendNanos, long doneNanos, long latencyNanos, HttpResult result) {
            if (result.status() != 202) {
                return;
            }
            Matcher id = ID.matcher(result.body() == null ? "" : result.body());
            if (id.find()) {
                accepted.add(id.group(1));
            } else if (result.location() != null) {
                accepted.add(result.location().substring(result.location().lastIndexOf('/') + 1));
            } else {
                unidentified.incrementAndGet();
            }
        }
    }
}
