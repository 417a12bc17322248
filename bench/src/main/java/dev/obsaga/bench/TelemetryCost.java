package dev.obsaga.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per order with all telemetry on and off, same rate, same run, repeated in alternation (on, off, on, off...)
 * so that a drift of the machine hits both sides; each repeat restarts the services and waits for the JIT to
 * settle. The first "on" is the main run's measurement. The telemetry-off start after the first also searches
 * the highest sustained rate, for the throughput ratio (a second, coarser figure).
 */
public final class TelemetryCost {

    /** One CPU-per-order measurement and what makes it less trustworthy. */
    public record Measurement(String name, double servicesMs, long errors, boolean settled) {
        static Measurement of(String name, Load load, JitSettle.Result settle) {
            return new Measurement(name, CpuTable.totals(load.cpu(), load.orders()).servicesMs(),
                    load.report() == null ? -1 : load.report().thresholds().errors(), !settle.capped());
        }

        String describe() {
            return String.format("%-7s %7.2f ms%s%s", name, servicesMs, settled ? "" : "  (JIT NOT settled)",
                    errors == 0 ? "" : "  (" + errors + " errors: not comparable)");
        }
    }

    /** @param offBest the highest sustained rate with telemetry off (0: not searched) */
    public record Result(Spread ratio, double offBest) {
    }

    private TelemetryCost() {
    }

    /** @param onBest the main run's highest sustained rate: the telemetry-off search starts there (0: none) */
    public static Result run(Workspace ws, BenchSettings s, List<String> extraJvm, Measurement firstOn, double onBest,
            PrintStream out) {
        List<Measurement> on = new ArrayList<>(List.of(firstOn));
        List<Measurement> off = new ArrayList<>();
        double[] offBest = {0};
        for (int i = 1; i <= s.repeats(); i++) {
            off.add(measure(ws, s, extraJvm, false, i, i == 1 ? onBest : 0, offBest, out));
            if (i < s.repeats()) {
                on.add(measure(ws, s, extraJvm, true, i + 1, 0, offBest, out));
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(on.size(), off.size()); i++) {
            ratios.add(off.get(i).servicesMs() / on.get(i).servicesMs());
        }
        Result r = new Result(Spread.of(ratios), offBest[0]);
        out.printf("Telemetry cost at %s orders/s: the services' CPU per order, alternating (off = OTEL_SDK_DISABLED=true,"
                + " OBSAGA_METRICS_CUSTOM_ENABLED=false, plain-text logs, load-gen --traceparent=off)%n",
                LoadGen.num(s.rate()));
        for (int i = 0; i < Math.max(on.size(), off.size()); i++) {
            out.printf("  %s%n", on.get(i).describe());
            if (i < off.size()) {
                out.printf("  %s%n", off.get(i).describe());
            }
        }
        out.printf("  on  %s ms%n  off %s ms%n", Spread.of(on.stream().map(Measurement::servicesMs).toList()),
                Spread.of(off.stream().map(Measurement::servicesMs).toList()));
        out.printf("  telemetry_cpu_ratio = CPU(off) / CPU(on), per pair: %s%n", r.ratio());
        if (onBest > 0) {
            out.printf("  telemetry_ratio (sustained throughput on / off, a second figure): %s / %s = %.3f%n",
                    LoadGen.num(onBest), LoadGen.num(r.offBest()), onBest / r.offBest());
        }
        return r;
    }

    /** @param searchFrom when > 0, also search the highest sustained rate from there, into {@code best[0]} */
    private static Measurement measure(Workspace ws, BenchSettings s, List<String> extraJvm, boolean telemetry, int n,
            double searchFrom, double[] best, PrintStream out) {
        String name = (telemetry ? "on" : "off") + " #" + n;
        try (Phase phase = Phase.start(ws, s, "telemetry-" + (telemetry ? "on-" : "off-") + n, telemetry, extraJvm)) {
            JitSettle.Result settled = phase.settle(s.settle(), s.rate());
            Load load = phase.measure(s.rate(), s.measureSeconds(), "cpu");
            Measurement m = Measurement.of(name, load, settled);
            ws.log("telemetry %s: %s; %.2f ms/order; %s", name, settled.describe(), m.servicesMs(), load.brief());
            if (searchFrom > 0) {
                out.println("Sustained saga throughput, telemetry off (from the telemetry-on figure, finer steps):");
                StepSearch search = new StepSearch(searchFrom, s.quick() ? 1.25 : 1.15, s.quick() ? 1 : 2,
                        s.quick() ? 3 : 6, 5);
                best[0] = SearchRun.run(phase.services(), phase.meter(), search, false, phase.dir(), out, ws).best();
            }
            return m;
        }
    }
}
