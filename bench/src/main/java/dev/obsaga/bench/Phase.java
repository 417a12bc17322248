package dev.obsaga.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.obsaga.testsupport.OtlpReceiver;

/**
 * One start of the services with the meter watching them: what every phase (main run, telemetry repeats, AOT
 * training) does the same way. Closing it stops the services.
 */
public final class Phase implements AutoCloseable {

    private final ServiceSet services;
    private final CpuMeter meter;
    private final Path dir;
    private final boolean telemetry;

    private Phase(ServiceSet services, CpuMeter meter, Path dir, boolean telemetry) {
        this.services = services;
        this.meter = meter;
        this.dir = dir;
        this.telemetry = telemetry;
    }

    public static Phase start(Workspace ws, BenchSettings s, String name, boolean telemetry, List<String> extraJvm) {
        ws.resetState();
        Path dir = ws.dir(name);
        ServiceSet services = ServiceSet.create(s, dir, telemetry, extraJvm, ws.poolThatFits(s.dbPool())).startOneByOne();
        ProcFs proc = ProcFs.system();
        Map<Long, ProcStat> all = proc.processes();
        CpuMeter meter = new CpuMeter(proc)
                .tree("RabbitMQ", Infrastructure.rabbitMq(proc, all))
                .tree("PostgreSQL", Infrastructure.postgres(all));
        services.pids().forEach(meter::service);
        ws.log("%s: services ready (%s), telemetry %s", name, services.readySeconds(), telemetry ? "on" : "off");
        return new Phase(services, meter, dir, telemetry);
    }

    public JitSettle.Result settle(SettledCriterion criterion, double rate) {
        return JitSettle.run(services, meter, criterion, rate, telemetry, dir, "settle-" + LoadGen.num(rate));
    }

    public Load measure(double rate, int seconds, String name) {
        return Load.run(services, meter, new LoadGen.Spec("happy", rate, seconds, 2, telemetry), dir, name);
    }

    /** Spans and OTLP bytes per order between two receiver counts. */
    public static String exportPerOrder(OtlpReceiver.Counts before, OtlpReceiver.Counts after, long orders) {
        if (orders <= 0) {
            return "n/a";
        }
        return String.format("%.1f spans and %.1f KiB of OTLP per order", (double) (after.spans() - before.spans())
                / orders, (after.bytes() - before.bytes()) / 1024.0 / orders);
    }

    public ServiceSet services() {
        return services;
    }

    public CpuMeter meter() {
        return meter;
    }

    public Path dir() {
        return dir;
    }

    public long peakRssMb(String module) {
        return ProcFs.system().statusKb(services.pids().get(module), "VmHWM") / 1024;
    }

    @Override
    public void close() {
        services.close();
    }
}
