package dev.obsaga.bench;

import java.util.List;
import java.util.Map;

/**
 * Finds the machine's RabbitMQ and PostgreSQL processes: the broker is the beam.smp that runs RabbitMQ (not a
 * rabbitmqctl's short-lived one), PostgreSQL every postmaster (a postgres process whose parent is not one).
 */
public final class Infrastructure {

    private Infrastructure() {
    }

    public static List<Long> rabbitMq(ProcFs proc, Map<Long, ProcStat> all) {
        return all.values().stream()
                .filter(p -> p.comm().equals("beam.smp"))
                .filter(p -> isBrokerCommand(proc.cmdline(p.pid())))
                .map(ProcStat::pid).toList();
    }

    static boolean isBrokerCommand(String cmdline) {
        return cmdline.contains("rabbit") && !cmdline.contains("rabbitmqctl") && !cmdline.contains("rabbitmq-plugins")
                && !cmdline.contains("rabbitmq-diagnostics") && !cmdline.contains("rabbitmq-queues");
    }

    public static List<Long> postgres(Map<Long, ProcStat> all) {
        return all.values().stream()
                .filter(p -> p.comm().equals("postgres"))
                .filter(p -> {
                    ProcStat parent = all.get(p.ppid());
                    return parent == null || !parent.comm().equals("postgres");
                })
                .map(ProcStat::pid).toList();
    }
}
