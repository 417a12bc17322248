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
}
