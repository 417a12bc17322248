package dev.obsaga.loadgen;

import java.util.SplittableRandom;

/** What the load consists of. {@link #next} is called on the scheduler thread only, in index order. */
public interface Scenario {

    String name();

    /** Once, before the load starts (e.g. registers the customer pool). */
    void prepare(CustomerPool customers) throws SetupException;

    /** The request due as number {@code index}, drawn with the run's seeded {@code random}. */
    PlannedRequest next(long index, SplittableRandom random);
}
