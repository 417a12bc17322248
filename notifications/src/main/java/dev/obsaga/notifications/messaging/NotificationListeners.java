package dev.obsaga.notifications.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.commons.inbox.Inbox;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.notifications.sending.CustomerNotification;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationListeners {

    private final Inbox inbox;
    private final CustomerNotification notification;

    public NotificationListeners(Inbox inbox, CustomerNotification notification) {
        this.inbox = inbox;
        this.notification = notification;
    }

    @Incoming(Subscription.Channels.NOTIFICATIONS_CUSTOMER_EVENTS)
    public Uni<Void> onCustomerEvent(Message<?> message) {
        return inbox.consume(message, Subscription.NOTIFICATIONS_CUSTOMER_EVENTS, notification);
    }

    @Incoming(Subscription.Channels.NOTIFICATIONS_ORDER_OUTCOMES)
    public Uni<Void> onOrderOutcome(Message<?> message) {
        return inbox.consume(message, Subscription.NOTIFICATIONS_ORDER_OUTCOMES, notification);
    }
}
