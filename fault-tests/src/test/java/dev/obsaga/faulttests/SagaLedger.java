package dev.obsaga.faulttests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;

import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.testsupport.TestInfrastructure;

/**
 * What the system did with a set of accepted orders, read from the services' own tables: did every order end
 * final, with exactly one payment and exactly one notification of its final state, and does each order's final
 * state agree with its payment and its notification (no regression such as CONFIRMED turned back).
 */
final class SagaLedger {

    /** Orders held up by a fault get this long, after the load, to end final. */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    private static final String FINAL = "SELECT count(*) FROM orders.orders WHERE id = ANY($1) AND status <> 'PENDING'";
    private static final String KNOWN = "SELECT count(*) FROM orders.orders WHERE id = ANY($1)";
    private static final String PAID = """
            SELECT count(DISTINCT p.order_id) FROM payments.payments p JOIN orders.orders o ON o.id = p.order_id
            WHERE o.id = ANY($1) AND o.status <> 'PENDING'""";
    private static final String NOTIFIED = """
            SELECT count(DISTINCT o.id) FROM orders.orders o JOIN notifications.notifications n ON n.order_id = o.id
            WHERE o.id = ANY($1) AND o.status <> 'PENDING'""";
    private static final String EXTRA_PAYMENTS = """
            SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM payments.payments
            WHERE order_id = ANY($1) GROUP BY order_id) per_order""";
    private static final String EXTRA_NOTIFICATIONS = """
            SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM notifications.notifications
            WHERE order_id = ANY($1) GROUP BY order_id) per_order""";
    /** A final state contradicted by the payment or by the notification sent for it. */
    private static final String CONTRADICTIONS = """
            SELECT count(*) FROM orders.orders o
            LEFT JOIN payments.payments p ON p.order_id = o.id
            LEFT JOIN notifications.notifications n ON n.order_id = o.id
            WHERE o.id = ANY($1) AND (
                (o.status = 'CONFIRMED' AND (p.status <> 'SUCCEEDED' OR n.type <> 'ORDER_CONFIRMED'))
             OR (o.status = 'REJECTED' AND (p.status <> 'FAILED' OR n.type <> 'ORDER_REJECTED')))""";
    private static final String OUTBOX_ROWS = """
            SELECT (SELECT count(*) FROM customers.outbox) + (SELECT count(*) FROM orders.outbox)
                 + (SELECT count(*) FROM payments.outbox)""";

    private final TestDatabase db;
    private final java.util.function.ToLongFunction<String> messagesInQueue;

    SagaLedger(TestDatabase db) {
        this(db, TestInfrastructure::messageCount);
    }

    /** With the services on another broker than the machine's (a cluster of the test's own). */
    SagaLedger(TestDatabase db, java.util.function.ToLongFunction<String> messagesInQueue) {
        this.db = db;
        this.messagesInQueue = messagesInQueue;
    }

    /**
     * Waits (at most {@link #SETTLE_TIMEOUT}) until every accepted order is final, paid and notified, the outboxes
     * are empty and no saga message waits in a queue — so no late duplicate can still arrive — then counts.
     */
    Verdict settle(String scenario, Collection<String> acceptedIds) {
        UUID[] ids = acceptedIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        try {
            await("orders of " + scenario + " final, paid and notified").atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(FINAL, ids) == ids.length && count(PAID, ids) == ids.length
                            && count(NOTIFIED, ids) == ids.length && quiet());
        } catch (ConditionTimeoutException e) {
            // Counted below: the verdict names what is missing.
        }
        return verdict(scenario, ids);
    }

    private Verdict verdict(String scenario, UUID[] ids) {
        long known = count(KNOWN, ids);
        long finals = count(FINAL, ids);
        long paid = count(PAID, ids);
        long notified = count(NOTIFIED, ids);
        long lost = (ids.length - finals) + (finals - paid) + (finals - notified);
        long duplicates = count(EXTRA_PAYMENTS, ids) + count(EXTRA_NOTIFICATIONS, ids);
        return new Verdict(scenario, ids.length, known, finals, lost, duplicates, count(CONTRADICTIONS, ids));
    }

    /** No event still on its way: outboxes relayed, saga queues drained. */
    boolean quiet() {
        if (db.number(OUTBOX_ROWS) > 0) {
            return false;
        }
        for (Subscription subscription : Subscription.values()) {
            if (messagesInQueue.applyAsLong(subscription.queue()) > 0) {
                return false;
            }
        }
        return true;
    }

    long deadLettered() {
        long total = 0;
        for (Subscription subscription : Subscription.values()) {
            total += messagesInQueue.applyAsLong(subscription.deadLetterQueue());
        }
        return total;
    }

    private long count(String sql, UUID[] ids) {
        return db.number(sql, (Object) ids);
    }

    /**
     * @param known          accepted orders the orders table has at all
     * @param lost           not final + final without its payment + final without its notification
     * @param duplicates     payments beyond one per order + notifications beyond one per order
     * @param contradictions orders whose final state disagrees with their payment or notification
     */
    record Verdict(String scenario, long accepted, long known, long finals, long lost, long duplicates,
            long contradictions) {

        String line() {
            return "scenario=" + scenario + " accepted=" + accepted + " final=" + finals + " lost=" + lost
                    + " duplicates=" + duplicates;
        }
    }
}
