package dev.obsaga.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code reason} is a stable machine code (e.g. {@code card_declined}), safe to use as a metric label. */
public record PaymentFailed(UUID eventId, Instant occurredAt, UUID paymentId, UUID orderId, BigDecimal amount,
        String currency, String reason) implements DomainEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.paymentFailed(this);
    }
}
