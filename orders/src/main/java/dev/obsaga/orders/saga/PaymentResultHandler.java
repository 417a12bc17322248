package dev.obsaga.orders.saga;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.inbox.EventHandler;
import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.orders.persistence.OrderRepository;
import dev.obsaga.orders.saga.OrderStatus.PaymentOutcome;
import io.smallrye.mutiny.Uni;

/** Ends the saga: a payment result confirms or rejects the order and announces it, in one transaction. */
@ApplicationScoped
public class PaymentResultHandler implements EventHandler<Void> {

    private static final Logger LOG = Logger.getLogger(PaymentResultHandler.class);

    private final OrderRepository orders;
    private final Outbox outbox;

    public PaymentResultHandler(OrderRepository orders, Outbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> apply(Transaction tx, DomainEvent event, Void ignored) {
        return event.accept(new DomainEvent.Visitor<Uni<Void>>() {
            @Override
            public Uni<Void> paymentSucceeded(PaymentSucceeded succeeded) {
                return settle(tx, succeeded.orderId(), PaymentOutcome.SUCCEEDED, null);
            }

            @Override
            public Uni<Void> paymentFailed(PaymentFailed failed) {
                return settle(tx, failed.orderId(), PaymentOutcome.FAILED, failed.reason());
            }

            @Override
            public Uni<Void> customerRegistered(CustomerRegistered other) {
                return notAPaymentResult(other);
            }

            @Override
            public Uni<Void> orderCreated(OrderCreated other) {
                return notAPaymentResult(other);
            }

            @Override
            public Uni<Void> orderConfirmed(OrderConfirmed other) {
                return notAPaymentResult(other);
            }

            @Override
            public Uni<Void> orderRejected(OrderRejected other) {
                return notAPaymentResult(other);
            }
        });
    }

    private static Uni<Void> notAPaymentResult(DomainEvent event) {
        return Uni.createFrom().failure(new IllegalArgumentException("Not a payment result: " + event));
    }

    private Uni<Void> settle(Transaction tx, UUID orderId, PaymentOutcome outcome, String reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OrderStatus next = OrderStatus.PENDING.onPayment(outcome).orElseThrow();
        return orders.move(tx, orderId, OrderStatus.PENDING, next, reason, now).chain(order -> {
            if (order == null) {
                return notMoved(tx, orderId, outcome);
            }
            outbox.append(tx, next == OrderStatus.CONFIRMED
                    ? new OrderConfirmed(UUID.randomUUID(), now, order.id(), order.customerId(), order.total(),
                            order.currency(), order.createdAt())
                    : new OrderRejected(UUID.randomUUID(), now, order.id(), order.customerId(), order.total(),
                            order.currency(), order.createdAt(), reason));
            tx.afterCommit(() -> logOutcome(order, next, reason));
            return Uni.createFrom().voidItem();
        });
    }

    /** The order was not PENDING: unknown (a failure, retried then dead-lettered) or final (the result is late). */
    private Uni<Void> notMoved(Transaction tx, UUID orderId, PaymentOutcome outcome) {
        return orders.statusOf(tx, orderId).chain(status -> {
            if (status == null) {
                return Uni.createFrom().failure(new IllegalStateException("Payment result for unknown order " + orderId));
            }
            LOG.infof("Order %s is already %s; payment result %s ignored", orderId, status, outcome);
            return Uni.createFrom().voidItem();
        });
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
