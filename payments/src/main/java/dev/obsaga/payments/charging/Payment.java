package dev.obsaga.payments.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment of one order; {@code customerId} is null for payments recorded before payments knew it. */
public record Payment(UUID id, UUID orderId, UUID customerId, String status, String reason, BigDecimal amount, String currency,
        String cardLast4, Instant createdAt) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
