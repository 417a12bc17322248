package dev.obsaga.commons.faults;

import java.util.Arrays;
import java.util.Optional;

import dev.obsaga.contracts.topology.ServiceTopology;

/**
 * Every fault knob of every service, in one place: what it does and which service has it. Each service offers the
 * knobs that are its own at {@code /faults} on its management port; the decorators that act on them sit in the
 * service's {@code faults} package, around the beans they break.
 */
public enum FaultKind {
    GRPC_ERRORS("grpc-errors", "customers", "The share 'rate' of GetCustomer calls answer UNAVAILABLE"),
    GRPC_LATENCY("grpc-latency", "customers", "Adds 'latencyMs' to every GetCustomer call"),
    GATEWAY_ERRORS("gateway-errors", "payments", "The share 'rate' of charges fail as if the provider were down"),
    GATEWAY_LATENCY("gateway-latency", "payments", "Adds 'latencyMs' to every charge"),
    PROCESSING_ERRORS("processing-errors", "notifications",
            "The share 'rate' of events fail to process (retried, then dead-lettered)"),
    POISON_MESSAGES("poison-messages", "orders",
            "Publishes 'count' unreadable order.created messages (one shot per PUT)"),
    /** Every service that consumes a queue has it. */
    CONSUMER_PAUSED("consumer-paused", null, "Stops consuming (messages pile up in the queues) until reset");

    private final String kind;
    private final String service;
    private final String description;

    FaultKind(String kind, String service, String description) {
        this.kind = kind;
        this.service = service;
        this.description = description;
    }

    /** The name in the fault API ({@code PUT /faults/{kind}}) and in {@code fault_injection_active{kind}}. */
    public String kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public boolean isOfferedBy(ServiceTopology topology) {
        return service == null ? topology.consumes() : service.equals(topology.service());
    }

    public static Optional<FaultKind> named(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }
}
