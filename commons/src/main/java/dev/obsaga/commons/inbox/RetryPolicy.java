package dev.obsaga.commons.inbox;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.resilience.Unavailability;
import dev.obsaga.contracts.events.DomainEvent;
import io.smallrye.mutiny.Uni;

/**
 * How a failed attempt at an event is retried. A dependency that is down (the database, another service) is not
 * the message's fault: the attempt waits for it with back-off, for up to {@code obsaga.inbox.unavailable-retry-for},
 * without spending the retries meant for real failures. Any other failure is retried {@code obsaga.inbox.retries}
 * times with back-off. A poison message, or a consumer shutting down, is not retried at all.
 */
@ApplicationScoped
public class RetryPolicy {

    private static final Logger LOG = Logger.getLogger(RetryPolicy.class);

    private final InboxConfig config;
    private final ConsumerGate gate;
    private final ConsumerTelemetry telemetry;

    public RetryPolicy(InboxConfig config, ConsumerGate gate, ConsumerTelemetry telemetry) {
        this.config = config;
        this.gate = gate;
        this.telemetry = telemetry;
    }

    /** The attempt, retried as above; {@code attempt} must start afresh each time it is subscribed to. */
    <T> Uni<T> around(Uni<T> attempt, Delivery delivery, DomainEvent event) {
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        return attempt
                .onFailure(this::worthWaitingFor).invoke(failure -> waiting(delivery, event, failure, waits))
                .onFailure(this::worthWaitingFor).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff())
                .expireIn(config.unavailableRetryFor().toMillis())
                .onFailure(this::worthRetrying).invoke(failure -> {
                    if (failures.incrementAndGet() <= config.retries()) {
                        LOG.warnf("Event %s on %s failed (attempt %d), retrying: %s", event.eventId(),
                                delivery.subscription().queue(), failures.get(), failure.toString());
                        telemetry.retried(delivery);
                    }
                })
                .onFailure(this::worthRetrying).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.retries());
    }

    private boolean worthWaitingFor(Throwable failure) {
        return !gate.isClosed() && Unavailability.isCause(failure);
    }

    private boolean worthRetrying(Throwable failure) {
        return !gate.isClosed() && !(failure instanceof PoisonMessageException) && !Unavailability.isCause(failure);
    }

    private void waiting(Delivery delivery, DomainEvent event, Throwable failure, AtomicInteger waits) {
        telemetry.retried(delivery);
        String queue = delivery.subscription().queue();
        if (waits.incrementAndGet() == 1) {
            LOG.warnf("Event %s on %s waits for a dependency that is down (retried for up to %s): %s",
                    event.eventId(), queue, config.unavailableRetryFor(), failure.toString());
        } else {
            LOG.debugf("Event %s on %s still waiting (attempt %d): %s", event.eventId(), queue, waits.get(),
                    failure.toString());
        }
    }
}
