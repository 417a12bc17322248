package dev.obsaga.contracts.topology;

import java.util.List;

/**
 * A consumer's durable queue, the events bound to it and the messaging channel that reads it. Each queue has
 * its own dead-letter queue ({@code <queue>.dlq}) so a poison message never blocks or vanishes.
 */
public enum Subscription {
    PAYMENTS_ORDER_CREATED("payments", Channels.PAYMENTS_ORDER_CREATED, "payments.order-created",
            List.of(EventRoute.ORDER_CREATED)),
    ORDERS_PAYMENT_RESULTS("orders", Channels.ORDERS_PAYMENT_RESULTS, "orders.payment-results",
            List.of(EventRoute.PAYMENT_SUCCEEDED, EventRoute.PAYMENT_FAILED)),
    NOTIFICATIONS_CUSTOMER_EVENTS("notifications", Channels.NOTIFICATIONS_CUSTOMER_EVENTS, "notifications.customer-events",
            List.of(EventRoute.CUSTOMER_REGISTERED)),
    NOTIFICATIONS_ORDER_OUTCOMES("notifications", Channels.NOTIFICATIONS_ORDER_OUTCOMES, "notifications.order-outcomes",
            List.of(EventRoute.ORDER_CONFIRMED, EventRoute.ORDER_REJECTED));

    /** Dead-lettered messages of every queue go through this one exchange, routed by the queue's name. */
    public static final String DEAD_LETTER_EXCHANGE = "obsaga.dlx";

    /**
     * Every queue and dead-letter queue is a quorum queue: replicated over the cluster's nodes (Raft), so a node's
     * loss neither loses a message nor stops the queue while a majority is up; on one node it behaves as a durable
     * queue. A queue's type is fixed when it is declared: an existing classic queue of the same name must be
     * deleted first (README, "Scaling out").
     */
    public static final String QUEUE_TYPE = "quorum";

    /**
     * Deliveries of one message (first one included, requeues and consumers lost while handling it counted) after
     * which the broker dead-letters it instead of handing it out again: a message that kills its consumer ends in
     * the dead-letter queue instead of looping. Part of the queue's declaration, so the same for every instance.
     * High enough for what requeues a healthy message: a consumer requeues only on shutdown or after waiting a
     * whole {@code obsaga.inbox.unavailable-retry-for} for a dependency, so this many cover a long outage.
     */
    public static final int DELIVERY_LIMIT = 20;

    private final String consumer;
    private final String channel;
    private final String queue;
    private final List<EventRoute> routes;

    Subscription(String consumer, String channel, String queue, List<EventRoute> routes) {
        this.consumer = consumer;
        this.channel = channel;
        this.queue = queue;
        this.routes = routes;
        if (routes.stream().map(EventRoute::exchange).distinct().count() != 1) {
            throw new IllegalStateException(name() + " must bind to exactly one exchange");
        }
    }

    /** The service (quarkus.application.name) that consumes this queue. */
    public String consumer() {
        return consumer;
    }

    /** The name of the {@code @Incoming} channel that reads the queue. */
    public String channel() {
        return channel;
    }

    public String queue() {
        return queue;
    }

    public String deadLetterQueue() {
        return queue + ".dlq";
    }

    public Exchange exchange() {
        return routes.get(0).exchange();
    }

    public List<EventRoute> routes() {
        return routes;
    }

    public static final class Channels {
        public static final String PAYMENTS_ORDER_CREATED = "payments-order-created";
        public static final String ORDERS_PAYMENT_RESULTS = "orders-payment-results";
        public static final String NOTIFICATIONS_CUSTOMER_EVENTS = "notifications-customer-events";
        public static final String NOTIFICATIONS_ORDER_OUTCOMES = "notifications-order-outcomes";

        private Channels() {
        }
    }
}
