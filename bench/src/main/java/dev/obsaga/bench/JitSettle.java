package dev.obsaga.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs load at one rate until the JIT has settled ({@link SettledCriterion}), sampling the compiler threads' and
 * the services' CPU once a second, then stops the load. The result says how long it took and whether the cap was
 * reached first.
 */
public final class JitSettle {

    public record Result(double rate, double seconds, double compilerShare, boolean capped, String criterion) {
        public String describe() {
            return String.format("%s after %.0f s at %s orders/s (compiler share %.1f %% over the last window; %s)",
                    capped ? "NOT settled, cap reached" : "JIT settled", seconds, LoadGen.num(rate),
                    100 * compilerShare, criterion);
        }
    }

    private JitSettle() {
    }

    public static Result run(ServiceSet services, CpuMeter meter, SettledCriterion criterion, double rate,
            boolean telemetry, Path dir, String name) {
        int duration = (int) Math.ceil(criterion.capSeconds()) + 30;
        LoadGen.Spec spec = new LoadGen.Spec("happy", rate, duration, 0, telemetry);
        try (LoadGen loadGen = LoadGen.start(services, spec, dir.resolve(name + ".json"), dir.resolve(name + ".out"))) {
            loadGen.started().get(120, TimeUnit.SECONDS);
            List<SettledCriterion.Sample> samples = new ArrayList<>();
            samples.add(new SettledCriterion.Sample(0, 0, 0));
            long t0 = System.nanoTime();
            CpuSnapshot previous = meter.snapshot();
            long compilers = 0;
            long servicesTicks = 0;
            while (true) {
                Shell.sleep(1);
                // Summed second by second: compiler threads come and go (dynamic compiler threads), and one that
                // ended must not take its earlier CPU away from the totals.
                CpuSnapshot now = meter.snapshot();
                CpuWindow second = now.since(previous);
                previous = now;
                compilers += compilerTicks(second);
                servicesTicks += second.sum(BenchSettings.SERVICES);
                samples.add(new SettledCriterion.Sample((System.nanoTime() - t0) / 1e9, compilers, servicesTicks));
                if (criterion.settled(samples) || criterion.capped(samples)) {
                    SettledCriterion.Sample last = samples.get(samples.size() - 1);
                    return new Result(rate, last.elapsedSeconds(), criterion.compilerShare(samples).orElse(Double.NaN),
                            !criterion.settled(samples), criterion.describe());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("load-gen did not start its load (see " + dir.resolve(name + ".out") + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long compilerTicks(CpuWindow window) {
        long ticks = 0;
        for (String module : BenchSettings.SERVICES) {
            ticks += window.ticks(module + "/" + ThreadGroups.C1) + window.ticks(module + "/" + ThreadGroups.C2);
        }
        return ticks;
    }
}
