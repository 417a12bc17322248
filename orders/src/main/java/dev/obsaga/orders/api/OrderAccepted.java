package dev.obsaga.orders.api;

import java.math.BigDecimal;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record OrderAccepted(UUID id, String status,
        @Schema(description = OrderView.MONEY, example = "25.00") BigDecimal total, String currency) {
}
