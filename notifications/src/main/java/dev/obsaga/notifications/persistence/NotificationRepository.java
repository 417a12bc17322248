package dev.obsaga.notifications.persistence;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.notifications.sending.Notification;
import dev.obsaga.notifications.sending.NotificationType;
import dev.obsaga.commons.persistence.Transaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class NotificationRepository {

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> exists(UUID eventId) {
        return pool.preparedQuery("SELECT 1 FROM notifications WHERE event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.size() > 0);
    }

    /** Writes the notification as part of {@code tx} (pipelined, waited for at the commit). */
    public void insertIfAbsent(Transaction tx, Notification n) {
        tx.write("""
                INSERT INTO notifications (id, event_id, type, customer_id, order_id, recipient, subject, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING""",
                Tuple.from(new Object[] { n.id(), n.eventId(), n.type().name(), n.customerId(), n.orderId(),
                        n.recipient(), n.subject(), n.createdAt().atOffset(ZoneOffset.UTC) }));
    }

    public Uni<List<Notification>> find(UUID orderId, UUID customerId) {
        return pool.preparedQuery("""
                SELECT * FROM notifications
                WHERE ($1::uuid IS NULL OR order_id = $1) AND ($2::uuid IS NULL OR customer_id = $2)
                ORDER BY created_at LIMIT 500""")
                .execute(Tuple.of(orderId, customerId))
                .map(rows -> {
                    List<Notification> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toNotification(r)));
                    return list;
                });
    }

    private static Notification toNotification(Row r) {
        return new Notification(r.getUUID("id"), r.getUUID("event_id"), NotificationType.valueOf(r.getString("type")),
                r.getUUID("customer_id"), r.getUUID("order_id"), r.getString("recipient"), r.getString("subject"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
