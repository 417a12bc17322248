package dev.obsaga.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * When the JIT has settled: the compiler threads' (C1 + C2) share of the services' CPU over the last
 * {@code windowSeconds} is below {@code maxCompilerShare}. Measuring CPU per order while the compilers still work
 * charges compilation to the orders; a fixed warm-up time is too short for C2 and too long for C1.
 * {@code capSeconds} bounds the wait: a run that hits it says so.
 */
public record SettledCriterion(double windowSeconds, double maxCompilerShare, double capSeconds) {

    /** Cumulative CPU ticks of the compiler threads and of the services as a whole, at one moment. */
    public record Sample(double elapsedSeconds, long compilerTicks, long servicesTicks) {
    }

    /** The compiler share over the last full window of {@code samples} (oldest first), if there is one yet. */
    public OptionalDouble compilerShare(List<Sample> samples) {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Sample last = samples.get(samples.size() - 1);
        Sample start = null;
        for (Sample s : samples) {
            if (s.elapsedSeconds() <= last.elapsedSeconds() - windowSeconds) {
                start = s;
            }
        }
        if (start == null) {
            return OptionalDouble.empty();
        }
        long services = last.servicesTicks() - start.servicesTicks();
        long compilers = last.compilerTicks() - start.compilerTicks();
        // An idle window is not a settled one: nothing ran that could have needed compiling.
        return services <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) compilers / services);
    }

    public boolean settled(List<Sample> samples) {
        OptionalDouble share = compilerShare(samples);
        return share.isPresent() && share.getAsDouble() < maxCompilerShare;
    }

    public boolean capped(List<Sample> samples) {
        return !samples.isEmpty() && samples.get(samples.size() - 1).elapsedSeconds() >= capSeconds;
    }

    public String describe() {
        return String.format("JIT compiler threads (C1+C2) < %.1f %% of the services' CPU over %.0f s, cap %.0f s",
                100 * maxCompilerShare, windowSeconds, capSeconds);
    }
}
