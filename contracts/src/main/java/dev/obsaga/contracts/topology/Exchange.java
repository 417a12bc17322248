package dev.obsaga.contracts.topology;

/** Durable topic exchanges, one per publishing service: a consumer binds to what it needs by routing key. */
public enum Exchange {
    CUSTOMERS("customers", "customers"),
    ORDERS("orders", "orders"),
    PAYMENTS("payments", "payments");

    private final String exchangeName;
    private final String owner;

    Exchange(String exchangeName, String owner) {
        this.exchangeName = exchangeName;
        this.owner = owner;
    }

    public String exchangeName() {
        return exchangeName;
    }

    /** The service (quarkus.application.name) that publishes to this exchange through its outbox. */
    public String owner() {
        return owner;
    }

    public static java.util.Optional<Exchange> ownedBy(String service) {
        for (Exchange exchange : values()) {
            if (exchange.owner.equals(service)) {
                return java.util.Optional.of(exchange);
            }
        }
        return java.util.Optional.empty();
    }
}
