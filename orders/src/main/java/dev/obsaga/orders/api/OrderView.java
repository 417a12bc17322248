package dev.obsaga.orders.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.obsaga.orders.saga.Order;

public record OrderView(UUID id, UUID customerId, String status, BigDecimal total, String currency,
        @JsonInclude(JsonInclude.Include.NON_NULL) String rejectionReason, String cardLast4, Instant createdAt,
        Instant updatedAt, List<Line> items) {

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    static OrderView from(Order order) {
        return new OrderView(order.id(), order.customerId(), order.status().name(), order.total(), order.currency(),
                order.rejectionReason(), order.cardLast4(), order.createdAt(), order.updatedAt(),
                order.lines().stream().map(l -> new Line(l.sku(), l.quantity(), l.unitPrice())).toList());
    }
}
