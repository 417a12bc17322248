package dev.obsaga.commons.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.time.Delays;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.contracts.topology.ServiceTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The state of this service's fault knobs ({@link FaultKind}), for load-gen's fault scenarios and the alerting
 * tests. Every change is logged at WARN and shown as {@code fault_injection_active{kind}}, so dashboards show
 * when a fault is on.
 */
// Eager: the knobs and their gauges exist from start-up, before the first call.
@Startup
@ApplicationScoped
public class Faults {

    private static final Logger LOG = Logger.getLogger(Faults.class);

    private final Delays delays;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Fault>> onChange = new ConcurrentHashMap<>();

    public Faults(MeterRegistry registry, Delays delays, ServiceTopology topology) {
        this.delays = delays;
        Arrays.stream(FaultKind.values()).filter(kind -> kind.isOfferedBy(topology)).forEach(kind -> {
            faults.put(kind.kind(), Fault.off(kind.kind(), kind.description()));
            Gauge.builder(MetricNames.FAULT_INJECTION_ACTIVE, faults, f -> f.get(kind.kind()).active() ? 1 : 0)
                    .description("1 while a fault is injected").tag("kind", kind.kind()).register(registry);
        });
    }

    /** {@code whenChanged} runs on every set and reset of the knob (e.g. to pause a consumer). */
    public void onChange(FaultKind kind, Consumer<Fault> whenChanged) {
        onChange.put(kind.kind(), whenChanged);
    }

    public List<Fault> all() {
        return faults.values().stream().sorted(Comparator.comparing(Fault::kind)).toList();
    }

    public boolean isKnown(String kind) {
        return faults.containsKey(kind);
    }

    public Fault set(String kind, double rate, long latencyMs, int count) {
        Fault fault = new Fault(kind, faults.get(kind).description(), true, rate, latencyMs, count);
        faults.put(kind, fault);
        LOG.warnf("Fault injection ON: %s (rate=%s, latencyMs=%d, count=%d)", kind, rate, latencyMs, count);
        notify(fault);
        return fault;
    }

    public void reset(String kind) {
        Fault previous = faults.get(kind);
        if (previous != null && previous.active()) {
            Fault off = Fault.off(kind, previous.description());
            faults.put(kind, off);
            LOG.warnf("Fault injection OFF: %s", kind);
            notify(off);
        }
    }

    public void resetAll() {
        faults.keySet().forEach(this::reset);
    }

    /** True for the share {@code rate} of calls while the fault is active. */
    public boolean shouldFail(FaultKind kind) {
        Fault fault = faults.get(kind.kind());
        return fault != null && fault.active() && ThreadLocalRandom.current().nextDouble() < fault.rate();
    }

    public Duration addedLatency(FaultKind kind) {
        Fault fault = faults.get(kind.kind());
        return fault != null && fault.active() ? Duration.ofMillis(fault.latencyMs()) : Duration.ZERO;
    }

    /** Completes after the latency the knob adds (at once while it is off), without blocking. */
    public Uni<Void> addedDelay(FaultKind kind) {
        return delays.of(addedLatency(kind));
    }

    private void notify(Fault fault) {
        Consumer<Fault> listener = onChange.get(fault.kind());
        if (listener != null) {
            listener.accept(fault);
        }
    }
}
