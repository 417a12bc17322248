package dev.obsaga.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.obsaga.loadgen.Report;

/**
 * A measured load: load-gen at one rate, and the CPU of every group over exactly its measured part (from the end
 * of its warm-up to the end of its duration), divided by the orders it placed in that part.
 */
public record Load(LoadGen.Spec spec, Report report, CpuWindow cpu, long orders) {

    public static Load run(ServiceSet services, CpuMeter meter, LoadGen.Spec spec, Path dir, String name) {
        try (LoadGen loadGen = LoadGen.start(services, spec, dir.resolve(name + ".json"), dir.resolve(name + ".out"))) {
            meter.tree("load-gen", List.of(loadGen.pid()));
            loadGen.started().get(120, TimeUnit.SECONDS);
            Shell.sleep(spec.warmupSeconds());
            CpuSnapshot start = meter.snapshot();
            Shell.sleep(spec.seconds());
            CpuSnapshot end = meter.snapshot();
            Report report = loadGen.finish();
            meter.forget("load-gen");
            long orders = report == null ? 0 : report.placement().sent();
            return new Load(spec, report, end.since(start), orders);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("load-gen did not start its load (see " + dir.resolve(name + ".out")
                    + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A step passes with no error, no lost order and the saga p99 within the limit. */
    public boolean passes(double p99LimitMs) {
        return report != null && report.thresholds().errors() == 0 && report.sagas().lost() == 0
                && report.sagaDurationMs().count() > 0 && report.sagaDurationMs().p99Ms() <= p99LimitMs;
    }

    public double sagaP99() {
        return report == null ? Double.NaN : report.sagaDurationMs().p99Ms();
    }

    public double placementP99() {
        return report == null ? Double.NaN : report.placementLatencyMs().p99Ms();
    }

    public String brief() {
        if (report == null) {
            return "no report";
        }
        return String.format("sent %d, achieved %.0f/s, placement p99 %.1f ms, saga p50 %.1f p99 %.1f ms, errors %d,"
                + " lost %d", report.placement().sent(), report.placement().achievedRate(), placementP99(),
                report.sagaDurationMs().p50Ms(), sagaP99(), report.thresholds().errors(), report.sagas().lost());
    }
}
