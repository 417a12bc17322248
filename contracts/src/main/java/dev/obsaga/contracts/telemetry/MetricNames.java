package dev.obsaga.contracts.telemetry;

import java.util.List;

/**
 * Names of our own metrics (Micrometer dotted form; Prometheus shows them with underscores and unit suffixes),
 * shared by the services, the dashboards' checks and the tests. docs/metrics.md is the catalogue.
 */
public final class MetricNames {

    public static final String PUBLISH = "obsaga.messaging.publish";
    public static final String PUBLISH_DURATION = "obsaga.messaging.publish.duration";
    public static final String QUEUE_TIME = "obsaga.messaging.queue.time";
    public static final String PROCESS_DURATION = "obsaga.messaging.process.duration";
    public static final String CONSUME = "obsaga.messaging.consume";
    public static final String OUTBOX_PENDING = "obsaga.outbox.pending.events";

    public static final String ORDERS_PLACED = "orders.placed";
    public static final String ORDERS_COMPLETED = "orders.completed";
    public static final String ORDER_SAGA_DURATION = "order.saga.duration";
    public static final String PAYMENTS = "payments";
    public static final String PAYMENTS_AMOUNT = "payments.amount";
    public static final String CUSTOMERS_REGISTERED = "customers.registered";
    public static final String NOTIFICATIONS_SENT = "notifications.sent";
    public static final String FAULT_INJECTION_ACTIVE = "fault.injection.active";
    /** The telemetry pipeline as the service sees it (PipelineMetrics). */
    public static final String LOG_LINES = "obsaga.log.lines";
    public static final String TELEMETRY_EXPORT_FAILURES = "obsaga.telemetry.export.failures";

    /** 1 while the APIs check bearer tokens, 0 when OBSAGA_AUTH_ENABLED=false (never turned off with the others). */
    public static final String AUTH_ENABLED = "obsaga.auth.enabled";
    /** The {@code cache} label of the verified-token cache's meters (Micrometer's cache.gets{result=hit|miss}, ...). */
    public static final String AUTH_TOKEN_CACHE = "obsaga.auth.verified.tokens";

    /** Every name above: what {@code obsaga.metrics.custom.enabled=false} turns off. */
    public static final List<String> CUSTOM = List.of(PUBLISH, PUBLISH_DURATION, QUEUE_TIME,
            PROCESS_DURATION, CONSUME, OUTBOX_PENDING, ORDERS_PLACED, ORDERS_COMPLETED, ORDER_SAGA_DURATION, PAYMENTS,
            PAYMENTS_AMOUNT, CUSTOMERS_REGISTERED, NOTIFICATIONS_SENT, FAULT_INJECTION_ACTIVE, LOG_LINES,
            TELEMETRY_EXPORT_FAILURES);

    /** Label every series carries: the service that exposes it. */
    public static final String SERVICE_LABEL = "service";

    /** True for a meter of ours (any of {@link #CUSTOM}), false for the framework's. */
    public static boolean isCustom(String meterName) {
        return CUSTOM.contains(meterName);
    }

    private MetricNames() {
    }
}
