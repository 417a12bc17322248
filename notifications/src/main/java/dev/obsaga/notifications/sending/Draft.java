package dev.obsaga.notifications.sending;

import java.util.UUID;

import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;

/** The message an event gives its customer, before customers tells where to send it. */
record Draft(NotificationType type, UUID customerId, UUID orderId, String subject) {

    /** The draft of each event notifications subscribes to; the others never reach it. */
    static final DomainEvent.Visitor<Draft> OF_EVENT = new DomainEvent.Visitor<>() {
        @Override
        public Draft customerRegistered(CustomerRegistered event) {
            return new Draft(NotificationType.WELCOME, event.customerId(), null, "Welcome, " + event.name() + "!");
        }

        @Override
        public Draft orderConfirmed(OrderConfirmed event) {
            return new Draft(NotificationType.ORDER_CONFIRMED, event.customerId(), event.orderId(),
                    "Your order " + event.orderId() + " of " + event.total() + " " + event.currency() + " is confirmed");
        }

        @Override
        public Draft orderRejected(OrderRejected event) {
            return new Draft(NotificationType.ORDER_REJECTED, event.customerId(), event.orderId(),
                    "Your order " + event.orderId() + " could not be paid (" + event.reason() + ")");
        }

        @Override
        public Draft orderCreated(OrderCreated event) {
            throw notNotified(event);
        }

        @Override
        public Draft paymentSucceeded(PaymentSucceeded event) {
            throw notNotified(event);
        }

        @Override
        public Draft paymentFailed(PaymentFailed event) {
            throw notNotified(event);
        }
    };

    private static IllegalArgumentException notNotified(DomainEvent event) {
        return new IllegalArgumentException("No notification for " + event.getClass().getSimpleName());
    }
}
