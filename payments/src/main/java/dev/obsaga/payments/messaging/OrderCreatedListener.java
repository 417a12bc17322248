package dev.obsaga.payments.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.commons.inbox.Inbox;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.payments.charging.OrderPayment;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrderCreatedListener {

    private final Inbox inbox;
    private final OrderPayment payment;

    public OrderCreatedListener(Inbox inbox, OrderPayment payment) {
        this.inbox = inbox;
        this.payment = payment;
    }

    @Incoming(Subscription.Channels.PAYMENTS_ORDER_CREATED)
    public Uni<Void> onOrderCreated(Message<?> message) {
        return inbox.consume(message, Subscription.PAYMENTS_ORDER_CREATED, payment);
    }
}
