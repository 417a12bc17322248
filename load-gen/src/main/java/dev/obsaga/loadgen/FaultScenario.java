package dev.obsaga.loadgen;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A fault switched on through a service's management port ({@code PUT /faults/{kind}}) for a phase of the run
 * and reset ({@code DELETE /faults/{kind}}) afterwards.
 *
 * @see FaultPhase
 */
public enum FaultScenario {
    PAYMENT_ERRORS("payment-errors", Service.PAYMENTS, "gateway-errors", "{\"rate\":0.5}", Set.of(),
            "half the payment-gateway calls fail"),
    PAYMENT_LATENCY("payment-latency", Service.PAYMENTS, "gateway-latency", "{\"latencyMs\":300}", Set.of(),
            "payment-gateway calls take 300 ms more"),
    CONSUMER_STALLED("consumer-stalled", Service.PAYMENTS, "consumer-paused", "{}", Set.of(),
            "payments stops consuming order events: sagas wait"),
    CUSTOMERS_OUTAGE("customers-outage", Service.CUSTOMERS, "grpc-errors", "{\"rate\":1.0}", Set.of(503),
            "every customer check over gRPC fails: orders answers 503"),
    CUSTOMERS_SLOW("customers-slow", Service.CUSTOMERS, "grpc-latency", "{\"latencyMs\":1500}", Set.of(503),
            "customer checks take 1.5 s"),
    NOTIFICATION_ERRORS("notification-errors", Service.NOTIFICATIONS, "processing-errors", "{\"rate\":1.0}",
            Set.of(), "notifications fails every event it processes"),
    NOTIFICATIONS_STALLED("notifications-stalled", Service.NOTIFICATIONS, "consumer-paused", "{}", Set.of(),
            "notifications stops consuming"),
    POISON_MESSAGES("poison-messages", Service.ORDERS, "poison-messages", "{\"count\":20}", Set.of(),
            "orders publishes 20 unreadable order.created messages (one-shot)");

    private final String cliName;
    private final Service service;
    private final String kind;
    private final String body;
    private final Set<Integer> expectedPlacementStatuses;
    private final String effect;

    FaultScenario(String cliName, Service service, String kind, String body, Set<Integer> expectedPlacementStatuses,
            String effect) {
        this.cliName = cliName;
        this.service = service;
        this.kind = kind;
        this.body = body;
        this.expectedPlacementStatuses = expectedPlacementStatuses;
        this.effect = effect;
    }

    public String cliName() {
        return cliName;
    }

    public Service service() {
        return service;
    }

    /** The fault kind in the management API: {@code /faults/{kind}}. */
    public String kind() {
        return kind;
    }

    /** JSON body of the {@code PUT}. */
    public String body() {
        return body;
    }

    /** Placement statuses this fault is known to cause; during the fault they are not counted as errors. */
    public Set<Integer> expectedPlacementStatuses() {
        return expectedPlacementStatuses;
    }

    public String effect() {
        return effect;
    }

    public static FaultScenario fromCliName(String name) {
        for (FaultScenario f : values()) {
            if (f.cliName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault scenario '" + name + "', expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(FaultScenario::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
