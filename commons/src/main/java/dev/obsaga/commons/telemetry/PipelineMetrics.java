package dev.obsaga.commons.telemetry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logmanager.LogContext;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The service's own view of its telemetry pipeline, on /q/metrics (so it can be seen when the pipeline itself is
 * down): log lines written, by level, and failed span exports. The OpenTelemetry SDK reports a failed export only
 * as a log record of its exporter (throttled to a few per minute), and Quarkus gives its batch processor no meter
 * provider, so counting those records is the one signal there is: non-zero means spans are being lost.
 */
@Singleton
public class PipelineMetrics extends Handler {

    /** The OTel SDK's exporters (HttpExporter, GrpcExporter) and Quarkus' senders log their failures here. */
    static final String[] EXPORTER_LOGGERS = { "io.opentelemetry.exporter", "io.quarkus.opentelemetry.runtime.exporter" };
    static final String[] LEVELS = { "error", "warn", "info", "debug" };

    private final MeterRegistry registry;
    private final Map<String, Counter> lines = new ConcurrentHashMap<>();
    private final Counter exportFailures;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String level : LEVELS) {
            lines(level);
        }
        this.exportFailures = Counter.builder(MetricNames.TELEMETRY_EXPORT_FAILURES)
                .description("Failed span exports reported by the OpenTelemetry exporter (throttled: at least one a minute while failing)")
                .tag("signal", "traces").register(registry);
    }

    void install(@Observes StartupEvent started) {
        LogContext.getLogContext().getLogger("").addHandler(this);
    }

    void uninstall(@Observes ShutdownEvent stopping) {
        LogContext.getLogContext().getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        lines(level(record.getLevel())).increment();
        String logger = record.getLoggerName();
        if (logger != null && record.getLevel().intValue() >= Level.WARNING.intValue() && isExporter(logger)) {
            exportFailures.increment();
        }
    }

    static boolean isExporter(String logger) {
        for (String prefix : EXPORTER_LOGGERS) {
            if (logger.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** ECS / OTel severity names; JBoss' FATAL, and JUL's SEVERE, count as error. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        return value >= Level.INFO.intValue() ? "info" : "debug";
    }

    private Counter lines(String level) {
        return lines.computeIfAbsent(level, l -> Counter.builder(MetricNames.LOG_LINES)
                .description("Log records written, by level").tag("level", l.toLowerCase(Locale.ROOT))
                .register(registry));
    }

    @Override
    public void flush() {
        // counters only
    }

    @Override
    public void close() {
        // nothing held
    }
}
