package dev.obsaga.contracts.topology;

import java.util.Arrays;
import java.util.Optional;

/** Durable topic exchanges, one per publishing service: a consumer binds to what it needs by routing key. */
public enum Exchange {
    CUSTOMERS("customers", "customers"),
    ORDERS("orders", "orders"),
    PAYMENTS("payments", "payments");

    private final String exchangeName;
    /** The service (quarkus.application.name) that publishes to it. */
    private final String owner;

    Exchange(String exchangeName, String owner) {
        this.exchangeName = exchangeName;
        this.owner = owner;
    }

    public String exchangeName() {
        return exchangeName;
    }

    /** The exchange the service (quarkus.application.name) publishes to through its outbox, if it publishes. */
    public static Optional<Exchange> ownedBy(String service) {
        return Arrays.stream(values()).filter(exchange -> exchange.owner.equals(service)).findFirst();
    }
}
