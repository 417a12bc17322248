package dev.obsaga.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The sustained-throughput search on running services: each step first settles at its rate (the JIT compiles
 * new paths at a higher rate) under {@code stepSettle}, then measures; a step passes with no error, no lost
 * order and a saga p99 within the limit. Prints each step as it ends.
 */
public final class SearchRun {

    public record StepResult(JitSettle.Result settle, Load load, boolean passed) {
    }

    public record Result(double best, List<StepResult> steps) {
    }

    private SearchRun() {
    }

    public static Result run(ServiceSet services, CpuMeter meter, StepSearch search, boolean telemetry, Path dir,
            PrintStream out, Workspace ws) {
        BenchSettings s = services.settings();
        List<StepResult> steps = new ArrayList<>();
        out.printf("  %-4s %7s %8s %8s %9s %9s %6s %5s %9s %9s  %s%n", "step", "rate", "settle_s", "achieved",
                "pl.p99", "saga.p99", "errors", "lost", "svc_ms", "mach_ms", "pass");
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            String name = "step-" + (steps.size() + 1) + "-" + LoadGen.num(rate);
            JitSettle.Result settle = JitSettle.run(services, meter, s.stepSettle(), rate, telemetry, dir, name + "-settle");
            Load load = Load.run(services, meter, new LoadGen.Spec("happy", rate, s.stepSeconds(), 2, telemetry), dir,
                    name);
            boolean passed = load.passes(s.p99LimitMs());
            search.record(rate, passed);
            StepResult step = new StepResult(settle, load, passed);
            steps.add(step);
            print(out, steps.size(), step);
            ws.log("step %d at %s/s: %s -> %s", steps.size(), LoadGen.num(rate), load.brief(), passed ? "pass" : "fail");
            long left = QueueDrain.await(s, s.quick() ? 30 : 120);
            if (left > 0) {
                ws.log("queues still hold %d messages after draining", left);
            }
            if (!passed) {
                // orders' circuit breaker (5 s open) must close again before the next step
                Shell.sleep(6);
            }
        }
        return new Result(search.best(), steps);
    }

    private static void print(PrintStream out, int n, StepResult step) {
        Load l = step.load();
        CpuTable.Totals t = CpuTable.totals(l.cpu(), l.orders());
        out.printf("  %-4d %7s %8.0f %8.0f %9.1f %9.1f %6d %5d %9.2f %9.2f  %s%s%n", n, LoadGen.num(l.spec().rate()),
                step.settle().seconds(), l.report() == null ? 0 : l.report().placement().achievedRate(),
                l.placementP99(), l.sagaP99(), l.report() == null ? -1 : l.report().thresholds().errors(),
                l.report() == null ? -1 : l.report().sagas().lost(), t.servicesMs(), t.machineMs(),
                step.passed() ? "yes" : "no", step.settle().capped() ? " (JIT not settled: cap)" : "");
    }
}
