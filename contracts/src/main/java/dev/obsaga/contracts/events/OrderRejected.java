package dev.obsaga.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code placedAt}: when the order was accepted, so any consumer can tell how long the saga took. */
public record OrderRejected(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, BigDecimal total,
        String currency, Instant placedAt, String reason) implements DomainEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.orderRejected(this);
    }
}
