package dev.obsaga.orders.saga;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.obsaga.commons.events.CommittedEvents;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;

/**
 * Tells readers waiting for an order when this instance commits its final state, so a long-poll answers at once
 * instead of reading the database again and again. Outcomes committed by another instance of orders are not seen
 * here: readers re-read the order now and then ({@link OrderReader}) and stay correct when orders is scaled out.
 */
@ApplicationScoped
public class OrderOutcomes {

    /** The final state an order reached, as its outcome event carries it. */
    public record Outcome(OrderStatus status, String rejectionReason, Instant at) {
    }

    private final Map<UUID, Set<CompletableFuture<Outcome>>> waiting = new ConcurrentHashMap<>();

    /** Starts listening for the order's outcome; {@link #stopWaiting} must follow. */
    CompletableFuture<Outcome> waitFor(UUID orderId) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        waiting.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(outcome);
        return outcome;
    }

    void stopWaiting(UUID orderId, CompletableFuture<Outcome> outcome) {
        waiting.computeIfPresent(orderId, (id, set) -> {
            set.remove(outcome);
            return set.isEmpty() ? null : set;
        });
    }

    /** Whether a reader waits for the order's outcome here (diagnostics and tests). */
    public boolean isAwaited(UUID orderId) {
        return waiting.containsKey(orderId);
    }

    void onCommitted(@Observes CommittedEvents committed) {
        if (waiting.isEmpty()) {
            return;
        }
        for (DomainEvent event : committed.events()) {
            event.accept(OUTCOME).ifPresent(outcome -> complete(outcome.orderId(), outcome.outcome()));
        }
    }

    private record Settled(UUID orderId, Outcome outcome) {
    }

    /** The outcome an event settles; only the saga's end events settle one. */
    private static final DomainEvent.Visitor<Optional<Settled>> OUTCOME = new DomainEvent.Visitor<>() {
        @Override
        public Optional<Settled> orderConfirmed(OrderConfirmed event) {
            return Optional.of(new Settled(event.orderId(),
                    new Outcome(OrderStatus.CONFIRMED, null, event.occurredAt())));
        }

        @Override
        public Optional<Settled> orderRejected(OrderRejected event) {
            return Optional.of(new Settled(event.orderId(),
                    new Outcome(OrderStatus.REJECTED, event.reason(), event.occurredAt())));
        }

        @Override
        public Optional<Settled> customerRegistered(CustomerRegistered event) {
            return Optional.empty();
        }

        @Override
        public Optional<Settled> orderCreated(OrderCreated event) {
            return Optional.empty();
        }

        @Override
        public Optional<Settled> paymentSucceeded(PaymentSucceeded event) {
            return Optional.empty();
        }

        @Override
        public Optional<Settled> paymentFailed(PaymentFailed event) {
            return Optional.empty();
        }
    };

    private void complete(UUID orderId, Outcome outcome) {
        Set<CompletableFuture<Outcome>> waiters = waiting.remove(orderId);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(outcome));
        }
    }
}
