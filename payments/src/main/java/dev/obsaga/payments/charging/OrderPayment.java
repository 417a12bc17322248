package dev.obsaga.payments.charging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.inbox.EventHandler;
import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.payments.client.PaymentProvider;
import dev.obsaga.payments.client.PaymentProvider.ChargeResult;
import dev.obsaga.payments.persistence.PaymentRepository;
import io.smallrye.mutiny.Uni;

/**
 * Pays for a created order: charges the gateway outside the transaction, then records the payment and its
 * result event together. An order already paid keeps its one payment and publishes nothing new.
 */
@ApplicationScoped
public class OrderPayment implements EventHandler<ChargeResult> {

    private static final Logger LOG = Logger.getLogger(OrderPayment.class);
    static final int GATEWAY_RETRIES = 2;
    static final String GATEWAY_ERROR = "gateway_error";

    private final PaymentProvider gateway;
    private final PaymentRepository payments;
    private final Outbox outbox;

    public OrderPayment(PaymentProvider gateway, PaymentRepository payments, Outbox outbox) {
        this.gateway = gateway;
        this.payments = payments;
        this.outbox = outbox;
    }

    /** Charges the gateway, outside the transaction: a call to another system. */
    @Override
    public Uni<ChargeResult> prepare(DomainEvent event) {
        OrderCreated order = (OrderCreated) event;
        return gateway.charge(order.orderId(), order.total(), order.currency(), order.card())
                .onFailure(PaymentProvider.GatewayUnavailableException.class).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(GATEWAY_RETRIES)
                // Still down: the payment fails and the order ends REJECTED, rather than waiting unbounded.
                .onFailure(PaymentProvider.GatewayUnavailableException.class)
                .recoverWithItem(() -> ChargeResult.decline(GATEWAY_ERROR));
    }

    /** Records the payment and its result event, unless the order already has a payment. */
    @Override
    public Uni<Void> apply(Transaction tx, DomainEvent event, ChargeResult result) {
        OrderCreated order = (OrderCreated) event;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Payment payment = new Payment(UUID.randomUUID(), order.orderId(), order.customerId(),
                result.approved() ? Payment.SUCCEEDED : Payment.FAILED, result.declineCode(), order.total(),
                order.currency(), order.card().last4(), now);
        return payments.insertIfAbsent(tx, payment).chain(inserted -> {
            if (!inserted) {
                LOG.infof("Order %s already has a payment; order.created %s ignored", order.orderId(), order.eventId());
                return Uni.createFrom().voidItem();
            }
            DomainEvent outcome = result.approved()
                    ? new PaymentSucceeded(UUID.randomUUID(), now, payment.id(), order.orderId(), order.total(),
                            order.currency())
                    : new PaymentFailed(UUID.randomUUID(), now, payment.id(), order.orderId(), order.total(),
                            order.currency(), result.declineCode());
            outbox.append(tx, outcome);
            tx.afterCommit(() -> log(payment));
            return Uni.createFrom().voidItem();
        });
    }

    private static void log(Payment payment) {
        if (Payment.SUCCEEDED.equals(payment.status())) {
            LOG.infof("Payment %s for order %s succeeded", payment.id(), payment.orderId());
        } else {
            LOG.warnf("Payment %s for order %s declined: %s", payment.id(), payment.orderId(), payment.reason());
        }
    }
}
