package dev.obsaga.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import dev.obsaga.testsupport.OtlpReceiver;

/**
 * One benchmark run, in order: floors (PerfTest, pgbench), cold start, the main run (ready times, JIT settling,
 * CPU per order per process group, scrape, throughput search, peak RSS), the telemetry cost, the summary line.
 * Every figure comes from this run; each section prints as soon as it is measured.
 */
public final class Bench {

    private final BenchSettings s;
    private final Workspace ws;
    private final PrintStream out;
    private final Summary summary = new Summary();
    private final List<String> extraJvm = new ArrayList<>();
    /** The highest sustained rate with telemetry on (0 until the search ran). */
    private double onBest;

    public Bench(BenchSettings settings, PrintStream out) {
        this.s = settings;
        this.ws = new Workspace(settings);
        this.out = out;
    }

    public void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String loadAtStart = Header.loadAverage();
        Header.print(out, s, cores);
        try (OtlpReceiver receiver = OtlpReceiver.counting(4318 + s.portOffset())) {
            Floors.PerfTest perfTest = floors(cores);
            if (s.aotCache()) {
                extraJvm.addAll(AotTraining.run(ws, s));
            }
            if (s.runs("cold-start")) {
                ColdStart.Result cold = ColdStart.run(ws, s, extraJvm, out);
                summary.put("cold_error_rate", cold.errorRate(), 4).put("cold_lost", Long.toString(cold.lost()))
                        .put("cold_placement_p99_ms", cold.placementP99Ms(), 1);
                out.println();
            }
            TelemetryCost.Measurement firstOn = mainRun(receiver, cores, perfTest);
            if (s.runs("telemetry")) {
                TelemetryCost.Result cost = TelemetryCost.run(ws, s, extraJvm, firstOn, onBest, out);
                summary.put("telemetry_cpu_ratio", cost.ratio().median(), 3)
                        .put("telemetry_cpu_ratio_min", cost.ratio().min(), 3)
                        .put("telemetry_cpu_ratio_max", cost.ratio().max(), 3);
                if (onBest > 0) {
                    summary.put("telemetry_ratio", onBest / cost.offBest(), 3)
                            .put("saga_max_off_orders_per_s", cost.offBest(), 0);
                }
                out.println();
            }
        }
        summary.put("mode", s.mode()).put("cores", Integer.toString(cores)).put("load_avg_start", loadAtStart);
        out.println(summary.line());
    }

    private Floors.PerfTest floors(int cores) throws Exception {
        Floors.PerfTest perfTest = null;
        ProcFs proc = ProcFs.system();
        var all = proc.processes();
        CpuMeter meter = new CpuMeter(proc).tree("RabbitMQ", Infrastructure.rabbitMq(proc, all))
                .tree("PostgreSQL", Infrastructure.postgres(all));
        if (s.runs("perftest")) {
            ws.resetState();
            perfTest = Floors.perfTest(s, meter, ws.dir("floors"));
            out.printf("Floor, RabbitMQ PerfTest (1 producer, 1 consumer, persistent 512 B, confirms 100 in flight,"
                    + " %d s): %.0f msg/s (median of 1-s rates); CPU per message: RabbitMQ %.3f ms, PerfTest %.3f ms%n",
                    s.perftestSeconds(), perfTest.msgsPerSecond(), perfTest.brokerMsPerMessage(),
                    perfTest.perfTestMsPerMessage());
            summary.put("perftest_msgs_per_s", perfTest.msgsPerSecond(), 0)
                    .put("perftest_broker_ms_per_msg", perfTest.brokerMsPerMessage(), 3);
        }
        if (s.runs("pgbench")) {
            Floors.Pgbench pg = Floors.pgbench(s, meter, ws.dir("floors"));
            out.printf("Floor, pgbench with the saga's transaction mix (bench/pgbench/saga-mix.sql, 8 clients, %d s):"
                    + " %.0f orders/s; CPU per order: PostgreSQL %.2f ms, pgbench %.2f ms%n", s.pgbenchSeconds(),
                    pg.ordersPerSecond(), pg.postgresMsPerOrder(), pg.clientMsPerOrder());
            summary.put("pgbench_orders_per_s", pg.ordersPerSecond(), 0)
                    .put("pgbench_pg_ms_per_order", pg.postgresMsPerOrder(), 2);
        }
        out.println();
        return perfTest;
    }

    /** @return the services' CPU per order at the fixed rate, telemetry on */
    private TelemetryCost.Measurement mainRun(OtlpReceiver receiver, int cores, Floors.PerfTest perfTest) {
        try (Phase phase = Phase.start(ws, s, "main", true, extraJvm)) {
            Startup.printReady(out, phase.services());
            JitSettle.Result settled = phase.settle(s.settle(), s.rate());
            out.println(settled.describe());
            var before = receiver.counts();
            Load load = phase.measure(s.rate(), s.measureSeconds(), "cpu");
            var after = receiver.counts();
            CpuTable.print(out, String.format("CPU per order at %s orders/s %s, telemetry on (%s):",
                    LoadGen.num(s.rate()), settled.capped() ? "(JIT NOT settled)" : "once the JIT settled",
                    load.brief()), load.cpu(), load.orders(), cores);
            out.println("  telemetry export: " + Phase.exportPerOrder(before, after, load.orders()));
            CpuTable.Totals t = CpuTable.totals(load.cpu(), load.orders());
            summary.put("cpu_ms_per_order_services", t.servicesMs(), 2)
                    .put("cpu_ms_per_order_machine", t.machineMs(), 2)
                    .put("cpu_ms_per_order_rabbitmq", t.rabbitMs(), 2)
                    .put("cpu_ms_per_order_postgres", t.postgresMs(), 2)
                    .put("jit_settled_s", settled.seconds(), 0);
            Startup.printScrapeAndRss(out, phase, summary);
            if (s.runs("search")) {
                search(phase, perfTest);
            }
            Startup.printPeakRss(out, phase, summary);
            out.println();
            return TelemetryCost.Measurement.of("on #1", load, settled);
        }
    }

    private void search(Phase phase, Floors.PerfTest perfTest) {
        out.printf("Sustained saga throughput: steps x%.2f from %s orders/s, each settled (%s) then measured %d s;"
                + " pass = no error, 0 lost, saga p99 <= %.0f ms%n", s.growth(), LoadGen.num(s.startRate()),
                s.stepSettle().describe(), s.stepSeconds(), s.p99LimitMs());
        StepSearch search = new StepSearch(s.startRate(), s.growth(), s.refinements(), s.maxSteps(), 5);
        SearchRun.Result r = SearchRun.run(phase.services(), phase.meter(), search, true, phase.dir(), out, ws);
        out.printf("  highest sustained saga throughput: %s orders/s%n", LoadGen.num(r.best()));
        summary.put("saga_max_orders_per_s", r.best(), 0);
        onBest = r.best();
        if (perfTest != null && perfTest.msgsPerSecond() > 0) {
            double efficiency = BenchSettings.MESSAGES_PER_ORDER * r.best() / perfTest.msgsPerSecond();
            out.printf("  broker_efficiency = %d msgs/order x %s orders/s / %.0f PerfTest msg/s = %.4f%n",
                    BenchSettings.MESSAGES_PER_ORDER, LoadGen.num(r.best()), perfTest.msgsPerSecond(), efficiency);
            summary.put("broker_efficiency", efficiency, 4);
        }
    }
}
