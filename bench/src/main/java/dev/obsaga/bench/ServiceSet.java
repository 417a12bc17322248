package dev.obsaga.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.SagaProcesses;
import dev.obsaga.testsupport.SagaService;

/**
 * The four services of one phase, started with test-support's {@link SagaProcesses} from the run's private copy
 * of the jars, on the benchmark's ports, database and vhost, with telemetry on or off.
 */
public final class ServiceSet implements AutoCloseable {

    private final BenchSettings settings;
    private final SagaProcesses processes;
    private final Map<String, Double> readySeconds = new LinkedHashMap<>();

    private ServiceSet(BenchSettings settings, SagaProcesses processes) {
        this.settings = settings;
        this.processes = processes;
    }

    /** @param extraJvm more options for every service (e.g. an AOT training run's output file) */
    public static ServiceSet create(BenchSettings settings, Path logs, boolean telemetry, List<String> extraJvm,
            int pool) {
        SagaProcesses processes = new SagaProcesses(logs, environment(settings, telemetry, pool))
                .runningFrom(settings.root().resolve("bench/target/apps"))
                .withPortOffset(settings.portOffset())
                .withReadyPollInterval(Duration.ofMillis(50))
                .withJvm(settings.java(), service -> {
                    List<String> options = jvmOptions(settings, extraJvm, service.module());
                    if (!telemetry) {
                        options.addAll(connectorTracingOff(service.module()));
                    }
                    return options;
                });
        return new ServiceSet(settings, processes);
    }

    static List<String> jvmOptions(BenchSettings settings, List<String> extra, String service) {
        List<String> options = new ArrayList<>();
        for (String o : settings.jvmOptions()) {
            options.add(o.replace("{service}", service));
        }
        for (String o : extra) {
            options.add(o.replace("{service}", service));
        }
        return options;
    }

    /**
     * The RabbitMQ connector's own tracing, per channel the service has: its consumers (from the topology in
     * contracts) and the outbox channel of every service that publishes (all but notifications).
     */
    static List<String> connectorTracingOff(String service) {
        List<String> options = new ArrayList<>();
        for (Subscription s : Subscription.values()) {
            if (s.consumer().equals(service)) {
                options.add("-Dmp.messaging.incoming." + s.channel() + ".tracing.enabled=false");
            }
        }
        if (!service.equals("notifications")) {
            options.add("-Dmp.messaging.outgoing.outbox.tracing.enabled=false");
        }
        return options;
    }

    /**
     * Off means every switch the services have: the OpenTelemetry SDK (spans, and the connector's tracing with
     * it), the connector's tracing per channel, our own meters, JSON logs. On exports every span (100 % sampling) to the run's OTLP receiver.
     */
    static Map<String, String> environment(BenchSettings settings, boolean telemetry, int pool) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", "postgresql://127.0.0.1:5432/" + settings.database());
        // The benchmark's own database and vhost: administrator accounts (least privilege costs nothing per request).
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("RABBITMQ_USER", "guest");
        env.put("RABBITMQ_PASSWORD", "guest");
        env.put("DB_POOL_MAX_SIZE", Integer.toString(pool));
        env.put("RABBITMQ_VHOST", settings.vhost());
        env.put("OBSAGA_FAULTS_ENABLED", "false");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + (4318 + settings.portOffset()));
        if (!telemetry) {
            env.put("OTEL_SDK_DISABLED", "true");
            env.put("OBSAGA_METRICS_CUSTOM_ENABLED", "false");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        }
        return env;
    }

    /** One at a time, so each time to ready is the service's own and not a share of a crowded start. */
    public ServiceSet startOneByOne() {
        for (SagaService service : SagaService.values()) {
            long t0 = System.nanoTime();
            processes.start(service);
            readySeconds.put(service.module(), (System.nanoTime() - t0) / 1e9);
        }
        return this;
    }

    /** All four launched at once, as a person following the README does. */
    public ServiceSet startTogether() {
        long t0 = System.nanoTime();
        processes.startTogether();
        readySeconds.put("all four", (System.nanoTime() - t0) / 1e9);
        return this;
    }

    public Map<String, Double> readySeconds() {
        return readySeconds;
    }

    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (SagaService service : SagaService.values()) {
            pids.put(service.module(), processes.pid(service));
        }
        return pids;
    }

    public String baseUrl(String module) {
        return processes.baseUrl(service(module));
    }

    public String managementUrl(String module) {
        return processes.managementUrl(service(module));
    }

    private static SagaService service(String module) {
        return SagaService.valueOf(module.toUpperCase(Locale.ROOT));
    }

    public BenchSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        processes.close();
    }
}
