package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The human-readable end-of-run summary: percentile table, counts by outcome, verdict. */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void print(Report r, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "run %s  scenario %s  seed %d  rate %s req/s  duration %ss%s%n", r.runId(),
                r.scenario(), r.seed(), r.settings().rate(), r.settings().durationSeconds(),
                r.fault() == null ? "" : "  fault " + r.fault().scenario());
        out.println();
        out.println("latency (ms, from intended start)    count      p50      p90      p99    p99.9      max");
        row(out, "placement (POST /orders)", r.placementLatencyMs());
        row(out, "saga (until CONFIRMED/REJECTED)", r.sagaDurationMs());
        out.println();
        Report.Placement p = r.placement();
        out.printf(Locale.ROOT, "requests   scheduled %d  sent %d  dropped (client saturated) %d  achieved %.1f req/s"
                + "  max send lag %.1f ms%n", p.scheduled(), p.sent(), p.dropped(), p.achievedRate(), p.maxSendLagMs());
        out.printf("answers    accepted (202) %d  other 2xx %d  4xx %d %s  5xx %d %s  transport errors %d %s%n",
                p.accepted(), p.ok2xx() - p.accepted(), p.clientErrors(), brief(p.clientErrorsByStatus()),
                p.serverErrors(), brief(p.serverErrorsByStatus()), p.transportErrors(),
                brief(p.transportErrorsByType()));
        out.printf("           unexpected %d %s  expected during fault %d %s%n", p.unexpected(),
                brief(p.unexpectedByStatus()), p.faultExpected(), brief(p.faultExpectedByStatus()));
        Report.Sagas s = r.sagas();
        out.printf("sagas      followed %d  confirmed %d  rejected %d  lost %d  unexpected final state %d"
                + "  polls %d%n", s.tracked(), s.confirmed(), s.rejected(), s.lost(), s.unexpectedFinal(), s.polls());
        Report.Warmup w = r.warmup();
        if (w.scheduled() > 0) {
            out.printf("warm-up    sent %d  dropped %d  accepted %d  errors %d  confirmed %d  rejected %d  lost %d%n",
                    w.sent(), w.dropped(), w.accepted(), w.errors(), w.confirmed(), w.rejected(), w.lost());
        }
        if (r.fault() != null) {
            Report.FaultReport f = r.fault();
            out.printf("fault      %s: %s %s on %s  applied %s  reset %s%s%n", f.scenario(), f.kind(), f.body(),
                    f.service(), f.appliedAt(), f.resetAt(), f.error() == null ? "" : "  ERROR " + f.error());
        }
        for (Report.LostOrder lost : s.lostOrders().subList(0, Math.min(10, s.lostOrders().size()))) {
            out.printf("lost       order %s  last seen %s  polls %d  trace %s%n", lost.orderId(), lost.lastStatus(),
                    lost.polls(), lost.traceId());
        }
        Report.Thresholds t = r.thresholds();
        out.printf(Locale.ROOT, "thresholds error rate %.4f (max %s)  placement p99 %.3f ms (max %s)%n",
                t.errorRate(), t.maxErrorRate(), t.placementP99Ms(), t.maxP99Ms() == null ? "-" : t.maxP99Ms());
        out.println();
        if (r.failures().isEmpty()) {
            out.println("PASSED (exit 0)");
        } else {
            r.failures().forEach(f -> out.println("FAILED: " + f));
            out.println("exit " + r.exitCode());
        }
    }

    private static void row(PrintStream out, String name, LatencySummary l) {
        out.printf(Locale.ROOT, "%-33s %8d %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, l.count(), l.p50Ms(), l.p90Ms(),
                l.p99Ms(), l.p999Ms(), l.maxMs());
    }

    private static String brief(Map<String, Long> counts) {
        return counts.isEmpty() ? "" : counts.toString();
    }
}
