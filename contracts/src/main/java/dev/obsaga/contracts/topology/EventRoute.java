package dev.obsaga.contracts.topology;

import java.util.Optional;

import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;

/** Where each event type is published: its exchange and routing key. The routing key doubles as the type name. */
public enum EventRoute {
    CUSTOMER_REGISTERED(CustomerRegistered.class, Exchange.CUSTOMERS, "customer.registered"),
    ORDER_CREATED(OrderCreated.class, Exchange.ORDERS, "order.created"),
    ORDER_CONFIRMED(OrderConfirmed.class, Exchange.ORDERS, "order.confirmed"),
    ORDER_REJECTED(OrderRejected.class, Exchange.ORDERS, "order.rejected"),
    PAYMENT_SUCCEEDED(PaymentSucceeded.class, Exchange.PAYMENTS, "payment.succeeded"),
    PAYMENT_FAILED(PaymentFailed.class, Exchange.PAYMENTS, "payment.failed");

    private final Class<? extends DomainEvent> eventType;
    private final Exchange exchange;
    private final String routingKey;

    EventRoute(Class<? extends DomainEvent> eventType, Exchange exchange, String routingKey) {
        this.eventType = eventType;
        this.exchange = exchange;
        this.routingKey = routingKey;
    }

    public Class<? extends DomainEvent> eventType() {
        return eventType;
    }

    public Exchange exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    public static EventRoute of(DomainEvent event) {
        return of(event.getClass());
    }

    public static EventRoute of(Class<?> eventType) {
        for (EventRoute route : values()) {
            if (route.eventType.equals(eventType)) {
                return route;
            }
        }
        throw new IllegalArgumentException("No route for " + eventType.getName());
    }

    public static Optional<EventRoute> byRoutingKey(String routingKey) {
        for (EventRoute route : values()) {
            if (route.routingKey.equals(routingKey)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
