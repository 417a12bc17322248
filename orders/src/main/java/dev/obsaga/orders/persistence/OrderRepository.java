package dev.obsaga.orders.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.orders.saga.Order;
import dev.obsaga.orders.saga.OrderStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class OrderRepository {

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlConnection tx, Order order) {
        List<Tuple> lines = new ArrayList<>(order.lines().size());
        for (int i = 0; i < order.lines().size(); i++) {
            Order.OrderLine line = order.lines().get(i);
            lines.add(Tuple.of(order.id(), i + 1, line.sku(), line.quantity(), line.unitPrice()));
        }
        return tx.preparedQuery("""
                INSERT INTO orders (id, customer_id, status, total, currency, card_token, card_last4, created_at,
                                    updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)""")
                .execute(Tuple.from(List.of(order.id(), order.customerId(), order.status().name(), order.total(),
                        order.currency(), order.cardToken(), order.cardLast4(), utc(order.createdAt()))))
                .chain(() -> tx.preparedQuery(
                        "INSERT INTO order_items (order_id, line, sku, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)")
                        .executeBatch(lines))
                .replaceWithVoid();
    }

    /** Locks the order row for the rest of the transaction, so two payment results cannot race. */
    public Uni<Order> findForUpdate(SqlConnection tx, UUID id) {
        return tx.preparedQuery("SELECT * FROM orders WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toOrder(rows.iterator().next(), List.of()));
    }

    public Uni<Void> finish(SqlConnection tx, UUID id, OrderStatus status, String rejectionReason, Instant now) {
        return tx.preparedQuery("UPDATE orders SET status = $2, rejection_reason = $3, updated_at = $4 WHERE id = $1")
                .execute(Tuple.of(id, status.name(), rejectionReason, utc(now)))
                .replaceWithVoid();
    }

    public Uni<Order> findById(UUID id) {
        return pool.preparedQuery("SELECT * FROM orders WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row order = rows.iterator().next();
                    return pool.preparedQuery(
                            "SELECT sku, quantity, unit_price FROM order_items WHERE order_id = $1 ORDER BY line")
                            .execute(Tuple.of(id))
                            .map(items -> {
                                List<Order.OrderLine> lines = new ArrayList<>();
                                items.forEach(item -> lines.add(new Order.OrderLine(item.getString("sku"),
                                        item.getInteger("quantity"), item.getBigDecimal("unit_price"))));
                                return toOrder(order, lines);
                            });
                });
    }

    private static Order toOrder(Row row, List<Order.OrderLine> lines) {
        return new Order(row.getUUID("id"), row.getUUID("customer_id"), OrderStatus.valueOf(row.getString("status")),
                row.getBigDecimal("total"), row.getString("currency"), row.getString("card_token"),
                row.getString("card_last4"), row.getString("rejection_reason"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(),
                lines);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
