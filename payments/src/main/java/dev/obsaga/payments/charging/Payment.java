package dev.obsaga.payments.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record Payment(UUID id, UUID orderId, String status, String reason, BigDecimal amount, String currency,
        String cardLast4, Instant createdAt) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
}
