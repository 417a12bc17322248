package dev.obsaga.bench;

import java.io.PrintStream;
import java.util.List;

import dev.obsaga.loadgen.Report;

/**
 * A newcomer's first minute: the four jars started together with the run's JVM options and no warm-up, then
 * load-gen {@code mixed} at 50 orders/s for 30 s. Error rate, lost orders and placement p99 are what they see.
 */
public final class ColdStart {

    public record Result(double readySeconds, double errorRate, long lost, double placementP99Ms) {
    }

    private ColdStart() {
    }

    public static Result run(Workspace ws, BenchSettings s, List<String> extraJvm, PrintStream out) {
        ws.resetState();
        var dir = ws.dir("cold-start");
        try (ServiceSet services = ServiceSet.create(s, dir, true, extraJvm, ws.poolThatFits(s.dbPool())).startTogether()) {
            double ready = services.readySeconds().get("all four");
            LoadGen.Spec spec = new LoadGen.Spec("mixed", 50, s.coldStartSeconds(), 0, true);
            Report report;
            try (LoadGen loadGen = LoadGen.start(services, spec, dir.resolve("mixed.json"), dir.resolve("mixed.out"))) {
                report = loadGen.finish();
            }
            if (report == null) {
                throw new IllegalStateException("load-gen wrote no report, see " + dir.resolve("mixed.out"));
            }
            Result r = new Result(ready, report.thresholds().errorRate(), report.sagas().lost(),
                    report.placementLatencyMs().p99Ms());
            out.printf("Cold start: the four jars launched together (%s), ready after %.2f s, then load-gen mixed at"
                    + " 50 orders/s for %d s, no warm-up%n", String.join(" ", ServiceSet.jvmOptions(s, extraJvm, "<service>")), ready,
                    s.coldStartSeconds());
            out.printf("  error rate %.2f %% (%d of %d), lost %d, placement p50 %.1f p99 %.1f ms, saga p99 %.1f ms%n",
                    100 * r.errorRate(), report.thresholds().errors(), report.placement().scheduled(), r.lost(),
                    report.placementLatencyMs().p50Ms(), r.placementP99Ms(), report.sagaDurationMs().p99Ms());
            return r;
        }
    }
}
