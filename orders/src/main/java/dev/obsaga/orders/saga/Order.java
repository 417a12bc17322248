package dev.obsaga.orders.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Order(UUID id, UUID customerId, OrderStatus status, BigDecimal total, String currency,
        String cardToken, String cardLast4, String rejectionReason, Instant createdAt, Instant updatedAt,
        List<OrderLine> lines) {

    public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }
}
