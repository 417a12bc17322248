package dev.obsaga.commons.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runtime fault knobs of this service, for load-gen's fault scenarios and the alerting tests. Every change is
 * logged at WARN and shown as {@code fault_injection_active{kind}} so dashboards show when a fault is on.
 */
@ApplicationScoped
public class Faults {

    private static final Logger LOG = Logger.getLogger(Faults.class);

    private final MeterRegistry registry;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Fault>> onChange = new ConcurrentHashMap<>();

    public Faults(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Declares a knob; {@code whenChanged} runs on every set and reset (e.g. to pause a consumer). */
    public void register(String kind, String description, Consumer<Fault> whenChanged) {
        faults.putIfAbsent(kind, Fault.off(kind, description));
        if (whenChanged != null) {
            onChange.put(kind, whenChanged);
        }
        Gauge.builder(MetricNames.FAULT_INJECTION_ACTIVE, faults, f -> f.get(kind).active() ? 1 : 0)
                .description("1 while a fault is injected").tag("kind", kind).register(registry);
    }

    public void register(String kind, String description) {
        register(kind, description, null);
    }

    public List<Fault> all() {
        return faults.values().stream().sorted(java.util.Comparator.comparing(Fault::kind)).toList();
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
    public boolean shouldFail(String kind) {
        Fault fault = faults.get(kind);
        return fault != null && fault.active() && ThreadLocalRandom.current().nextDouble() < fault.rate();
    }

    public Duration addedLatency(String kind) {
        Fault fault = faults.get(kind);
        return fault != null && fault.active() ? Duration.ofMillis(fault.latencyMs()) : Duration.ZERO;
    }

    private void notify(Fault fault) {
        Consumer<Fault> listener = onChange.get(fault.kind());
        if (listener != null) {
            listener.accept(fault);
        }
    }
}
