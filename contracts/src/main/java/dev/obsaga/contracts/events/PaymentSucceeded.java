package dev.obsaga.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record PaymentSucceeded(UUID eventId, Instant occurredAt, UUID paymentId, UUID orderId, BigDecimal amount,
        String currency) implements DomainEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.paymentSucceeded(this);
    }
}
