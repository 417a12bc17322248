package dev.obsaga.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that crosses a service boundary as JSON over AMQP. The id is what consumers deduplicate on
 * (their inbox), so a redelivered or re-published event has exactly one effect.
 */
public sealed interface DomainEvent
        permits CustomerRegistered, OrderCreated, PaymentSucceeded, PaymentFailed, OrderConfirmed, OrderRejected {

    UUID eventId();

    Instant occurredAt();

    /** Hands this event to the visitor's method for its type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of event, so that code which tells events apart is checked by the compiler: a new event
     * type does not compile until every visitor says what it does with it (a switch over the sealed type needs
     * Java 21; we support 17).
     */
    interface Visitor<R> {
        R customerRegistered(CustomerRegistered event);

        R orderCreated(OrderCreated event);

        R paymentSucceeded(PaymentSucceeded event);

        R paymentFailed(PaymentFailed event);

        R orderConfirmed(OrderConfirmed event);

        R orderRejected(OrderRejected event);
    }
}
