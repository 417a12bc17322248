package dev.obsaga.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.obsaga.commons.resilience.Unavailability;
import dev.obsaga.contracts.events.DomainEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * The end of a delivery: ack once the effect committed; back to the queue when the work was not done and nothing
 * is wrong with the message (shutting down, a dependency still down); otherwise into the subscription's
 * dead-letter queue.
 */
@ApplicationScoped
public class Acknowledgement {

    private static final Logger LOG = Logger.getLogger(Acknowledgement.class);

    private final ConsumerTelemetry telemetry;
    private final ConsumerGate gate;
    private final InboxConfig config;

    public Acknowledgement(ConsumerTelemetry telemetry, ConsumerGate gate, InboxConfig config) {
        this.telemetry = telemetry;
        this.gate = gate;
        this.config = config;
    }

    Uni<Void> settle(Delivery delivery, DomainEvent event, Throwable failure) {
        if (failure == null) {
            telemetry.acknowledged(delivery);
            return Uni.createFrom().completionStage(delivery.message().ack());
        }
        if (gate.isClosed() || Unavailability.isCause(failure)) {
            LOG.warnf("Message on %s put back on its queue: %s", delivery.subscription().queue(), failure.toString());
            return requeue(delivery, "event.requeued", failure);
        }
        LOG.errorf(failure, "Event %s on %s failed after %d retries, sent to %s", event.eventId(),
                delivery.subscription().queue(), config.retries(), delivery.subscription().deadLetterQueue());
        return deadLetter(delivery, failure);
    }

    /** Shutting down: untouched, the message goes back to the queue for the next instance or this one. */
    Uni<Void> requeueUntouched(Delivery delivery) {
        return requeue(delivery, "event.requeued.shutdown", new IllegalStateException("shutting down"));
    }

    Uni<Void> poison(Delivery delivery, PoisonMessageException poison) {
        LOG.errorf(poison, "Poison message on %s sent to %s", delivery.subscription().queue(),
                delivery.subscription().deadLetterQueue());
        return deadLetter(delivery, poison);
    }

    private Uni<Void> requeue(Delivery delivery, String why, Throwable reason) {
        telemetry.requeued(delivery, why);
        return Uni.createFrom().completionStage(delivery.message().nack(reason,
                Metadata.of(new RabbitMQRejectMetadata(true))));
    }

    private Uni<Void> deadLetter(Delivery delivery, Throwable failure) {
        telemetry.deadLettered(delivery, failure);
        return Uni.createFrom().completionStage(delivery.message().nack(failure));
    }
}
