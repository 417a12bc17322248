package dev.obsaga.notifications.sending;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.inbox.EventHandler;
import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.commons.redaction.Redactor;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.commons.client.CustomersGrpcClient;
import dev.obsaga.notifications.persistence.NotificationRepository;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * Turns an event into a message to the customer. Sending happens before the record is written and is skipped
 * when the event already has a record, so a redelivery neither sends twice nor loses the message.
 */
// Eager: its fault knobs must be listed on /faults before the first call.
@Startup
@ApplicationScoped
public class CustomerNotification implements EventHandler<Notification> {

    private static final Logger LOG = Logger.getLogger(CustomerNotification.class);

    private final CustomersGrpcClient customers;
    private final Notifier notifier;
    private final NotificationRepository notifications;

    public CustomerNotification(CustomersGrpcClient customers, Notifier notifier, NotificationRepository notifications) {
        this.customers = customers;
        this.notifier = notifier;
        this.notifications = notifications;
    }

    /**
     * Sends the message, outside the transaction, unless the event already has a record (a redelivery): answers
     * the record to write, or null when there is nothing to write.
     */
    @Override
    public Uni<Notification> prepare(DomainEvent event) {
        Draft draft = event.accept(Draft.OF_EVENT);
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
}
