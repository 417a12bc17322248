package dev.obsaga.orders.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.orders.saga.Order;
import dev.obsaga.orders.saga.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OrderRepository {

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /** Writes the order and its lines as part of {@code tx} (pipelined writes, waited for at the commit). */
    public void insert(Transaction tx, Order order) {
        List<Tuple> lines = new ArrayList<>(order.lines().size());
        for (int i = 0; i < order.lines().size(); i++) {
            Order.OrderLine line = order.lines().get(i);
            lines.add(Tuple.of(order.id(), i + 1, line.sku(), line.quantity(), line.unitPrice()));
        }
        tx.write("""
                INSERT INTO orders (id, customer_id, status, total, currency, card_token, card_last4, created_at,
                                    updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)""",
                Tuple.from(List.of(order.id(), order.customerId(), order.status().name(), order.total(),
                        order.currency(), order.cardToken(), order.cardLast4(), utc(order.createdAt()))));
        tx.writeBatch("INSERT INTO order_items (order_id, line, sku, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)",
                lines);
    }

    /**
     * Moves an order from {@code from} to {@code to} in one statement (the row lock it takes orders two payment
     * results that race); answers the order as it is now, without its lines, or null when it was not in
     * {@code from} (unknown, or already moved on).
     */
    public Uni<Order> move(Transaction tx, UUID id, OrderStatus from, OrderStatus to, String rejectionReason,
            Instant now) {
        return tx.query("""
                UPDATE orders SET status = $3, rejection_reason = $4, updated_at = $5
                WHERE id = $1 AND status = $2 RETURNING *""",
                Tuple.of(id, from.name(), to.name(), rejectionReason, utc(now)))
                .map(rows -> rows.size() == 0 ? null : toOrder(rows.iterator().next(), List.of()));
    }

    /** The order's status, or null when there is no such order. */
    public Uni<OrderStatus> statusOf(Transaction tx, UUID id) {
        return tx.query("SELECT status FROM orders WHERE id = $1", Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : OrderStatus.valueOf(rows.iterator().next().getString(0)));
    }

    /** The order and its lines in one round trip (a row per line), or null when there is none. */
    public Uni<Order> findById(UUID id) {
        return pool.preparedQuery("""
                SELECT o.*, i.sku, i.quantity, i.unit_price FROM orders o
                LEFT JOIN order_items i ON i.order_id = o.id WHERE o.id = $1 ORDER BY i.line""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    List<Order.OrderLine> lines = new ArrayList<>(rows.size());
                    Row first = null;
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        if (row.getString("sku") != null) {
                            lines.add(new Order.OrderLine(row.getString("sku"), row.getInteger("quantity"),
                                    row.getBigDecimal("unit_price")));
                        }
                    }
                    return toOrder(first, lines);
                });
    }

    private static Order toOrder(Row row, List<Order.OrderLine> lines) {
        return new Order(row.getUUID("id"), row.getUUID("customer_id"), OrderStatus.valueOf(row.getString("status")),
                row.getBigDecimal("total"), row.getString("currency"), row.getString("card_token"),
                row.getString("card_last4"), row.getString("rejection_reason"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                lines);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
