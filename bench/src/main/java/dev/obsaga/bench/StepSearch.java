package dev.obsaga.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The search for the highest sustained rate: up by {@code growth} until a step fails, down until one passes,
 * then {@code refinements} bisections between the best pass and the lowest failure (stopping early once they are
 * within 6 %). At most {@code maxSteps} steps; never below {@code minRate}.
 */
public final class StepSearch {

    public record Step(double rate, boolean passed) {
    }

    private final double growth;
    private final int refinements;
    private final int maxSteps;
    private final double minRate;
    private final List<Step> steps = new ArrayList<>();
    private double next;
    private int refined;

    public StepSearch(double start, double growth, int refinements, int maxSteps, double minRate) {
        if (growth <= 1) {
            throw new IllegalArgumentException("growth must be > 1");
        }
        this.growth = growth;
        this.refinements = refinements;
        this.maxSteps = maxSteps;
        this.minRate = minRate;
        this.next = round(start);
    }

    /** The rate of the next step, or empty when the search is over. */
    public OptionalDouble next() {
        return next > 0 && steps.size() < maxSteps ? OptionalDouble.of(next) : OptionalDouble.empty();
    }

    public void record(double rate, boolean passed) {
        steps.add(new Step(rate, passed));
        next = choose(rate, passed);
    }

    private double choose(double rate, boolean passed) {
        double lo = best();
        double hi = lowestFailure();
        if (hi == 0) {
            return round(rate * growth);
        }
        if (lo == 0) {
            double down = round(rate / growth);
            return down < minRate ? 0 : down;
        }
        if (refined >= refinements || (hi - lo) / lo < 0.06) {
            return 0;
        }
        refined++;
        double mid = round((lo + hi) / 2);
        return mid <= lo || mid >= hi ? 0 : mid;
    }

    /** The highest rate that passed, 0 when none did. */
    public double best() {
        return steps.stream().filter(Step::passed).mapToDouble(Step::rate).max().orElse(0);
    }

    private double lowestFailure() {
        return steps.stream().filter(s -> !s.passed()).mapToDouble(Step::rate).min().orElse(0);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Whole rates below 50, multiples of 10 above: steps a reader can compare across runs. */
    static double round(double rate) {
        return rate < 50 ? Math.round(rate) : Math.round(rate / 10) * 10.0;
    }
}
