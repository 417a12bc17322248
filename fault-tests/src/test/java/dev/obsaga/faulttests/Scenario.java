package dev.obsaga.faulttests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.obsaga.testsupport.SagaService;

/** One scenario: its load, a readiness watch, and the checks every scenario ends with. */
final class Scenario {
    final String name;
    final BackgroundLoad load;
    final ReadinessWatch readiness = new ReadinessWatch();
    private final SagaLedger ledger;
    private final ScenarioResults results;
    private final long deadLetteredBefore;
    private final double rate;

    private Scenario(String name, Duration duration, double rate, SagaLedger ledger, ScenarioResults results) {
        this.name = name;
        this.ledger = ledger;
        this.results = results;
        this.rate = rate;
        this.deadLetteredBefore = ledger.deadLettered();
        this.load = BackgroundLoad.start(duration, rate);
    }

    /** Starts the load and returns once it is under way, so the fault hits a busy system. */
    static Scenario start(String name, Duration duration, SagaLedger ledger, ScenarioResults results) {
        return start(name, duration, BackgroundLoad.RATE, ledger, results);
    }

    static Scenario start(String name, Duration duration, double rate, SagaLedger ledger, ScenarioResults results) {
        Scenario scenario = new Scenario(name, duration, rate, ledger, results);
        await("load under way").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> scenario.load.acceptedSoFar() >= Math.min(rate * 2, 100));
        return scenario;
    }

    SagaLedger.Verdict finish(long expectedDeadLetters) {
        var report = load.awaitReport(Duration.ofMinutes(3));
        SagaLedger.Verdict verdict = ledger.settle(name, load.acceptedOrderIds());
        readiness.close();
        results.record(verdict, report, rate);
        assertEquals(0, load.unidentifiedAccepted(), "202 answers without an order id");
        assertTrue(verdict.accepted() > 0, "no order was accepted: the scenario proved nothing");
        assertEquals(verdict.accepted(), verdict.known(), "accepted orders missing from the orders table");
        assertEquals(0, verdict.lost(), verdict.line());
        assertEquals(0, verdict.duplicates(), verdict.line());
        assertEquals(0, verdict.contradictions(), "orders whose final state disagrees with payment/notification");
        assertEquals(0, report.sagas().lost() + report.warmup().lost(), "orders load-gen saw lost");
        assertEquals(Set.of(), report.placement().serverErrorsByStatus().keySet().stream()
                .filter(status -> !status.equals("503")).collect(Collectors.toSet()),
                "a fault must give 503 (retry later), never another 5xx");
        assertEquals(deadLetteredBefore + expectedDeadLetters, ledger.deadLettered(),
                "messages dead-lettered during " + name);
        return verdict;
    }

    void assertSawDown(List<SagaService> services) {
        services.forEach(service -> assertTrue(readiness.sawDown(service),
                service + " never reported not ready: " + readiness.seen(service)));
    }

    /** Never not ready (a probe that merely timed out on the busy machine is no answer either way). */
    void assertNeverDown(List<SagaService> services) {
        services.forEach(service -> {
            Set<Integer> seen = readiness.seen(service);
            assertTrue(seen.contains(200) && Set.of(200, Probes.TIMED_OUT).containsAll(seen),
                    service + " readiness during " + name + ": " + seen);
        });
    }
}
