package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import org.junit.jupiter.api.Test;

class StepSearchTests {

    /** Runs a search against a system that sustains every rate {@code passes} accepts; returns the rates tried. */
    private static List<Double> run(StepSearch search, DoublePredicate passes) {
        List<Double> tried = new ArrayList<>();
        for (var next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            tried.add(rate);
            search.record(rate, passes.test(rate));
        }
        return tried;
    }

    @Test
    void growsUntilAFailureThenBisects() {
        StepSearch search = new StepSearch(30, 2, 3, 16, 5);
        List<Double> tried = run(search, rate -> rate <= 150);
        // 30, 60, 120 pass; 240 fails; then 180 (fail), 150 (pass), 170 (fail)
        assertEquals(List.of(30.0, 60.0, 120.0, 240.0, 180.0, 150.0, 170.0), tried);
        assertEquals(150, search.best());
    }

    @Test
    void goesDownWhenTheFirstStepFails() {
        StepSearch search = new StepSearch(100, 2, 1, 16, 5);
        List<Double> tried = run(search, rate -> rate <= 30);
        assertEquals(List.of(100.0, 50.0, 25.0, 38.0), tried);
        assertEquals(25, search.best());
    }

    @Test
    void stopsBelowTheLowestRateWhenNothingPasses() {
        StepSearch search = new StepSearch(20, 2, 3, 16, 5);
        List<Double> tried = run(search, rate -> false);
        assertEquals(List.of(20.0, 10.0, 5.0), tried);
        assertEquals(0, search.best());
    }

    @Test
    void neverExceedsItsStepsAndStopsOnceWithinSixPercent() {
        StepSearch bounded = new StepSearch(30, 1.4, 3, 4, 5);
        assertEquals(4, run(bounded, rate -> true).size());
        StepSearch close = new StepSearch(100, 1.05, 3, 16, 5);
        List<Double> tried = run(close, rate -> rate < 105);
        assertTrue(tried.size() <= 3, tried.toString());
    }

    @Test
    void roundsToRatesAReaderCanCompare() {
        assertEquals(42, StepSearch.round(42.4));
        assertEquals(60, StepSearch.round(58.8));
        assertEquals(170, StepSearch.round(168));
    }
}
