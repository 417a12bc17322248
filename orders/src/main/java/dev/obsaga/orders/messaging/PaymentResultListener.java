package dev.obsaga.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.commons.inbox.Inbox;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.orders.saga.PaymentResultHandler;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentResultListener {

    private final Inbox inbox;
    private final PaymentResultHandler handler;

    public PaymentResultListener(Inbox inbox, PaymentResultHandler handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Incoming(Subscription.Channels.ORDERS_PAYMENT_RESULTS)
    public Uni<Void> onPaymentResult(Message<?> message) {
        return inbox.consume(message, Subscription.ORDERS_PAYMENT_RESULTS, handler);
    }
}
