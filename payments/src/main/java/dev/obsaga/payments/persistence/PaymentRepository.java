package dev.obsaga.payments.persistence;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.payments.charging.Payment;
import dev.obsaga.commons.persistence.Transaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class PaymentRepository {

    private final Pool pool;

    public PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    /** Answers false when the order already has a payment. */
    public Uni<Boolean> insertIfAbsent(Transaction tx, Payment p) {
        return tx.query("""
                INSERT INTO payments (id, order_id, customer_id, status, reason, amount, currency, card_last4,
                                      created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) DO NOTHING""",
                Tuple.from(new Object[] { p.id(), p.orderId(), p.customerId(), p.status(), p.reason(), p.amount(),
                        p.currency(), p.cardLast4(), p.createdAt().atOffset(ZoneOffset.UTC) }))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<Payment>> findByOrder(UUID orderId) {
        return pool.preparedQuery("SELECT * FROM payments WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> {
                    List<Payment> payments = new ArrayList<>();
                    rows.forEach(r -> payments.add(new Payment(r.getUUID("id"), r.getUUID("order_id"),
                            r.getUUID("customer_id"),
                            r.getString("status"), r.getString("reason"), r.getBigDecimal("amount"),
                            r.getString("currency"), r.getString("card_last4"),
                            r.getOffsetDateTime("created_at").toInstant())));
                    return payments;
                });
    }
}
