package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SettledCriterionTests {

    private final SettledCriterion criterion = new SettledCriterion(10, 0.02, 300);

    @Test
    void notSettledBeforeAFullWindowHasBeenSeen() {
        List<SettledCriterion.Sample> samples = List.of(sample(0, 0, 0), sample(5, 0, 500));
        assertTrue(criterion.compilerShare(samples).isEmpty());
        assertFalse(criterion.settled(samples));
    }

    @Test
    void theShareIsOverTheLastWindowOnlyNotSinceTheStart() {
        List<SettledCriterion.Sample> samples = new ArrayList<>();
        // 20 s of heavy compiling (half of all CPU), then 10 s with 1 tick of compiling per 100 of work
        for (int t = 0; t <= 20; t++) {
            samples.add(sample(t, 50L * t, 100L * t));
        }
        assertFalse(criterion.settled(samples));
        for (int t = 21; t <= 30; t++) {
            samples.add(sample(t, 1000 + (t - 20), 2000 + 100L * (t - 20)));
        }
        assertEquals(0.01, criterion.compilerShare(samples).getAsDouble(), 1e-9);
        assertTrue(criterion.settled(samples));
    }

    @Test
    void theThresholdIsStrict() {
        List<SettledCriterion.Sample> samples = List.of(sample(0, 0, 0), sample(10, 2, 100));
        assertFalse(criterion.settled(samples));
        assertTrue(new SettledCriterion(10, 0.021, 300).settled(samples));
    }

    @Test
    void anIdleWindowIsNotSettled() {
        List<SettledCriterion.Sample> samples = List.of(sample(0, 7, 100), sample(10, 7, 100));
        assertFalse(criterion.settled(samples));
    }

    @Test
    void theCapEndsTheWaitWithoutCallingItSettled() {
        List<SettledCriterion.Sample> samples = List.of(sample(0, 0, 0), sample(299, 100, 200), sample(300, 150, 300));
        assertTrue(criterion.capped(samples));
        assertFalse(criterion.settled(samples));
    }

    private static SettledCriterion.Sample sample(double t, long compilers, long services) {
        return new SettledCriterion.Sample(t, compilers, services);
    }
}
