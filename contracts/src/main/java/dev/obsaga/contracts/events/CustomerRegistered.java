package dev.obsaga.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Carries no e-mail: consumers that need it ask customers over gRPC, so the address lives in one place. */
public record CustomerRegistered(UUID eventId, Instant occurredAt, UUID customerId, String name)
        implements DomainEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.customerRegistered(this);
    }
}
