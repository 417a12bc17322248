package dev.obsaga.orders.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;


import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.obsaga.orders.saga.Order;

public record OrderView(UUID id, UUID customerId, String status,
        @Schema(description = MONEY, example = "25.00") BigDecimal total, String currency,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rejectionReason, String cardLast4, Instant createdAt,
        Instant updatedAt, List<Line> items) {

    /** How every amount reads in the API (and in the events): the commons MoneySerializer writes two decimals. */
    static final String MONEY = "amount in the currency's main unit, always with two decimals (a JSON number)";

    public record Line(String sku, int quantity, @Schema(description = MONEY, example = "12.50") BigDecimal unitPrice) {
    }

    static OrderView from(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status().name(), order.total(), order.currency(),
                order.rejectionReason(), order.cardLast4(), order.createdAt(), order.updatedAt(),
                order.lines().stream().map(l -> new Line(l.sku(), l.quantity(), l.unitPrice())).toList());
    }
}
