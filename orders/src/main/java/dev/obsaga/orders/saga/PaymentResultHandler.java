package dev.obsaga.orders.saga;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.orders.persistence.OrderRepository;
import dev.obsaga.orders.saga.OrderStatus.PaymentOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Ends the saga: a payment result confirms or rejects the order and announces it, in one transaction. */
@ApplicationScoped
public class PaymentResultHandler {

    private static final Logger LOG = Logger.getLogger(PaymentResultHandler.class);

    private final OrderRepository orders;
    private final Outbox outbox;

    public PaymentResultHandler(OrderRepository orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    public Uni<Void> handle(SqlConnection tx, DomainEvent event) {
        if (event instanceof PaymentSucceeded succeeded) {
            return apply(tx, succeeded.orderId(), PaymentOutcome.SUCCEEDED, null);
        }
        if (event instanceof PaymentFailed failed) {
            return apply(tx, failed.orderId(), PaymentOutcome.FAILED, failed.reason());
        }
        return Uni.createFrom().failure(new IllegalArgumentException("Not a payment result: " + event));
    }

    private Uni<Void> apply(SqlConnection tx, UUID orderId, PaymentOutcome outcome, String reason) {
        return orders.findForUpdate(tx, orderId).chain(order -> {
            if (order == null) {
                return Uni.createFrom().failure(new IllegalStateException("Payment result for unknown order " + orderId));
            }
            return order.status().onPayment(outcome)
                    .map(next -> finish(tx, order, next, reason))
                    .orElseGet(() -> {
                        LOG.infof("Order %s is already %s; payment result %s ignored", orderId, order.status(), outcome);
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    private Uni<Void> finish(SqlConnection tx, Order order, OrderStatus next, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        DomainEvent outcome = next == OrderStatus.CONFIRMED
                ? new OrderConfirmed(UUID.randomUUID(), now, order.id(), order.customerId(), order.total(),
                        order.currency(), order.createdAt())
                : new OrderRejected(UUID.randomUUID(), now, order.id(), order.customerId(), order.total(),
                        order.currency(), order.createdAt(), reason);
        return orders.finish(tx, order.id(), next, reason, now)
                .chain(() -> outbox.append(tx, outcome))
                .invoke(() -> logOutcome(order, next, reason));
    }

    private static void logOutcome(Order order, OrderStatus next, String reason) {
        if (next == OrderStatus.CONFIRMED) {
            LOG.infof("Order %s confirmed", order.id());
        } else {
            // A declined payment is an expected business outcome, recoverable by the customer: WARN, not ERROR.
            LOG.warnf("Order %s rejected: %s", order.id(), reason);
        }
    }

}
