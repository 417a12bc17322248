package dev.obsaga.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per order with all telemetry on and off, same rate, same run, repeated in alternation (on, off, on, off...)
 * so that a drift of the machine hits both sides; each repeat restarts the services and waits for the JIT to
 * settle. The first "on" is the main run's measurement.
 */
public final class TelemetryCost {

    public record Result(Spread on, Spread off, Spread ratio) {
    }

    private TelemetryCost() {
    }

    public static Result run(Workspace ws, BenchSettings s, List<String> extraJvm, double firstOnMs, PrintStream out) {
        List<Double> on = new ArrayList<>(List.of(firstOnMs));
        List<Double> off = new ArrayList<>();
        for (int i = 1; i <= s.repeats(); i++) {
            off.add(measure(ws, s, extraJvm, false, i));
            if (i < s.repeats()) {
                on.add(measure(ws, s, extraJvm, true, i + 1));
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(on.size(), off.size()); i++) {
            ratios.add(off.get(i) / on.get(i));
        }
        Result r = new Result(Spread.of(on), Spread.of(off), Spread.of(ratios));
        out.printf("Telemetry cost at %s orders/s (services' CPU per order; off = OTEL_SDK_DISABLED=true,"
                + " OBSAGA_METRICS_CUSTOM_ENABLED=false, plain-text logs, load-gen --traceparent=off)%n",
                LoadGen.num(s.rate()));
        out.printf("  on : %s ms  %s%n", r.on(), on);
        out.printf("  off: %s ms  %s%n", r.off(), off);
        out.printf("  telemetry_cpu_ratio (off/on, per pair): %s%n", r.ratio());
        return r;
    }

    private static double measure(Workspace ws, BenchSettings s, List<String> extraJvm, boolean telemetry, int n) {
        String name = "telemetry-" + (telemetry ? "on-" : "off-") + n;
        try (Phase phase = Phase.start(ws, s, name, telemetry, extraJvm)) {
            JitSettle.Result settled = phase.settle(s.settle(), s.rate());
            Load load = phase.measure(s.rate(), s.measureSeconds(), "cpu");
            double ms = CpuTable.totals(load.cpu(), load.orders()).servicesMs();
            ws.log("%s: %s; %.2f ms/order; %s", name, settled.describe(), ms, load.brief());
            return ms;
        }
    }
}
