package dev.obsaga.notifications.sending;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.faults.Faults;
import dev.obsaga.commons.inbox.EventHandler;
import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.commons.redaction.Redactor;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.notifications.customers.CustomerLookup;
import dev.obsaga.notifications.persistence.NotificationRepository;
import io.smallrye.mutiny.Uni;

/**
 * Turns an event into a message to the customer. Sending happens before the record is written and is skipped
 * when the event already has a record, so a redelivery neither sends twice nor loses the message.
 */
// Eager: its fault knobs must be listed on /faults before the first call.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class CustomerNotification implements EventHandler<Notification> {

    private static final Logger LOG = Logger.getLogger(CustomerNotification.class);

    private final CustomerLookup customers;
    private final Notifier notifier;
    private final NotificationRepository notifications;

    static final String PROCESSING_ERRORS = "processing-errors";

    private final Faults faults;

    public CustomerNotification(CustomerLookup customers, Notifier notifier, NotificationRepository notifications,
            Faults faults) {
        this.customers = customers;
        this.notifier = notifier;
        this.notifications = notifications;
        this.faults = faults;
        faults.register(PROCESSING_ERRORS,
                "The share 'rate' of events fail to process (retried, then dead-lettered)");
    }

    /**
     * Sends the message, outside the transaction, unless the event already has a record (a redelivery): answers
     * the record to write, or null when there is nothing to write.
     */
    @Override
    public Uni<Notification> prepare(DomainEvent event) {
        if (faults.shouldFail(PROCESSING_ERRORS)) {
            return Uni.createFrom().failure(new IllegalStateException("injected processing fault"));
        }
        Draft draft = draft(event);
        return notifications.exists(event.eventId()).chain(sent -> {
            if (sent) {
                LOG.debugf("Event %s already notified", event.eventId());
                return Uni.createFrom().nullItem();
            }
            return customers.find(draft.customerId())
                    .call(customer -> notifier.send(draft.type(), customer.getEmail(), draft.subject(), draft.subject()))
                    .map(customer -> new Notification(UUID.randomUUID(), event.eventId(), draft.type(),
                            draft.customerId(), draft.orderId(), Redactor.maskEmail(customer.getEmail()),
                            draft.subject(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        });
    }

    /** Records the notification sent, so a redelivery neither sends again nor records twice. */
    @Override
    public Uni<Void> apply(Transaction tx, DomainEvent event, Notification sent) {
        if (sent != null) {
            notifications.insertIfAbsent(tx, sent);
        }
        return Uni.createFrom().voidItem();
    }

    private static Draft draft(DomainEvent event) {
        if (event instanceof CustomerRegistered registered) {
            return new Draft(NotificationType.WELCOME, registered.customerId(), null,
                    "Welcome, " + registered.name() + "!");
        }
        if (event instanceof OrderConfirmed confirmed) {
            return new Draft(NotificationType.ORDER_CONFIRMED, confirmed.customerId(), confirmed.orderId(),
                    "Your order " + confirmed.orderId() + " of " + confirmed.total() + " " + confirmed.currency()
                            + " is confirmed");
        }
        if (event instanceof OrderRejected rejected) {
            return new Draft(NotificationType.ORDER_REJECTED, rejected.customerId(), rejected.orderId(),
                    "Your order " + rejected.orderId() + " could not be paid (" + rejected.reason() + ")");
        }
        throw new IllegalArgumentException("No notification for " + event.getClass().getSimpleName());
    }

    private record Draft(NotificationType type, UUID customerId, UUID orderId, String subject) {
    }
}
