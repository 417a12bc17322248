package dev.obsaga.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record OrderCreated(UUID eventId, Instant occurredAt, UUID orderId, UUID customerId, BigDecimal total,
        String currency, CardReference card) implements DomainEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.orderCreated(this);
    }
}
