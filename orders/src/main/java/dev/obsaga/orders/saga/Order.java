package dev.obsaga.orders.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Order(UUID id, UUID customerId, OrderStatus status, BigDecimal total, String currency,
        String cardToken, String cardLast4, String rejectionReason, Instant createdAt, Instant updatedAt,
        List<OrderLine> lines) {

    /** This order in the final state its outcome event announced. */
    public Order finished(OrderOutcomes.Outcome outcome) {
        return new Order(id, customerId, outcome.status(), total, currency, cardToken, cardLast4,
                outcome.rejectionReason(), createdAt, outcome.at(), lines);
    }

    public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }
}
