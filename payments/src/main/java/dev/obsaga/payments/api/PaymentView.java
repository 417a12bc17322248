package dev.obsaga.payments.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public record PaymentView(UUID id, UUID orderId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "whose payment it is; absent on payments recorded before payments knew it") UUID customerId,
        @Schema(example = "SUCCEEDED") String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "why a payment failed", example = "card_declined") String reason,
        @Schema(description = "amount in the currency's main unit, always with two decimals (a JSON number)",
                example = "25.00") BigDecimal amount,
        String currency, String cardLast4, Instant createdAt) {
}
