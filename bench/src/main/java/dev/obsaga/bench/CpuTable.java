package dev.obsaga.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU split of one measured load: each service with its thread groups, the services' total, RabbitMQ,
 * PostgreSQL, their sum ("machine total"), load-gen apart, and the whole machine as /proc/stat saw it (the gap to
 * the machine total is everybody else's work: noise).
 */
public final class CpuTable {

    /** The figures the summary line and the telemetry ratio need. */
    public record Totals(double servicesMs, double rabbitMs, double postgresMs, double machineMs, double loadGenMs) {
    }

    private static final List<String> THREAD_GROUPS = List.of(ThreadGroups.EVENT_LOOPS, ThreadGroups.WORKERS,
            ThreadGroups.C1, ThreadGroups.C2, ThreadGroups.GC, ThreadGroups.VM, ThreadGroups.OTEL, ThreadGroups.OTHER,
            ThreadGroups.ENDED);

    private CpuTable() {
    }

    public static Totals totals(CpuWindow cpu, long orders) {
        double services = CpuWindow.msPer(cpu.sum(BenchSettings.SERVICES), orders);
        double rabbit = cpu.msPer("RabbitMQ", orders);
        double postgres = cpu.msPer("PostgreSQL", orders);
        return new Totals(services, rabbit, postgres, services + rabbit + postgres, cpu.msPer("load-gen", orders));
    }

    public static void print(PrintStream out, String title, CpuWindow cpu, long orders, int cores) {
        out.println(title);
        out.printf("  %-42s %10s %12s%n", "process group", "ms/order", "% of machine");
        for (String module : BenchSettings.SERVICES) {
            row(out, module, cpu, cpu.ticks(module), orders, cores);
            for (String group : THREAD_GROUPS) {
                long ticks = cpu.ticks(module + "/" + group);
                if (ticks > 0) {
                    row(out, "    " + group, cpu, ticks, orders, cores);
                }
            }
        }
        long services = cpu.sum(BenchSettings.SERVICES);
        row(out, "services total", cpu, services, orders, cores);
        row(out, "RabbitMQ (beam.smp)", cpu, cpu.ticks("RabbitMQ"), orders, cores);
        row(out, "PostgreSQL (every process of the cluster)", cpu, cpu.ticks("PostgreSQL"), orders, cores);
        row(out, "machine total (services+RabbitMQ+PG)", cpu,
                services + cpu.ticks("RabbitMQ") + cpu.ticks("PostgreSQL"), orders, cores);
        row(out, "load-gen (apart)", cpu, cpu.ticks("load-gen"), orders, cores);
        row(out, "whole machine (/proc/stat, all work)", cpu, cpu.ticks("machine"), orders, cores);
        out.printf("  (%d orders in %.1f s; CPU from /proc/<pid>/stat and task/*/stat, 1 tick = 10 ms)%n", orders,
                cpu.seconds());
    }

    private static void row(PrintStream out, String name, CpuWindow cpu, long ticks, long orders, int cores) {
        out.printf("  %-42s %10.2f %12.1f%n", name, CpuWindow.msPer(ticks, orders), cpu.percentOfMachine(ticks, cores));
    }

    static List<String> threadGroups() {
        return new ArrayList<>(THREAD_GROUPS);
    }
}
