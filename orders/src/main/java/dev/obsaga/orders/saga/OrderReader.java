package dev.obsaga.orders.saga;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.orders.persistence.OrderRepository;
import io.smallrye.mutiny.Uni;

/**
 * Reads an order, optionally waiting for it to become final (a long-poll): one database read, then the outcome
 * this instance commits ({@link OrderOutcomes}), or another read every {@code obsaga.orders.wait.recheck} in case
 * another instance committed it. Either way the answer is the order as it stands when the wait ends.
 */
@ApplicationScoped
public class OrderReader {

    private final OrderRepository orders;
    private final OrderOutcomes outcomes;
    private final OrderWaitConfig config;

    public OrderReader(OrderRepository orders, OrderOutcomes outcomes, OrderWaitConfig config) {
        this.orders = orders;
        this.outcomes = outcomes;
        this.config = config;
    }

    /** The order, or null when there is none; with a wait, returns as soon as it is final. */
    public Uni<Order> find(UUID id, Duration wait) {
        if (wait.isZero()) {
            return orders.findById(id);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        // Listening before the read: an outcome committed while the read is under way is not missed.
        CompletableFuture<OrderOutcomes.Outcome> outcome = outcomes.waitFor(id);
        return orders.findById(id)
                .chain(order -> order == null || order.status().isFinal()
                        ? Uni.createFrom().item(order)
                        : awaitFinal(order, outcome, deadline))
                .onTermination().invoke(() -> outcomes.stopWaiting(id, outcome));
    }

    private Uni<Order> awaitFinal(Order pending, CompletableFuture<OrderOutcomes.Outcome> outcome, long deadline) {
        // Whole milliseconds: a timer of less than one is refused by Vert.x (and would leave the request hanging).
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis < 1) {
            return Uni.createFrom().item(pending);
        }
        Duration step = Duration.ofMillis(Math.min(leftMillis, Math.max(1, config.recheck().toMillis())));
        // A copy per step: when the step times out Mutiny cancels what it waits on, and the outcome itself must
        // stay pending for the next step.
        return Uni.createFrom().completionStage(outcome.copy())
                .ifNoItem().after(step).recoverWithItem((OrderOutcomes.Outcome) null)
                .chain(finished -> finished != null
                        ? Uni.createFrom().item(pending.finished(finished))
                        : orders.findById(pending.id()).chain(order -> order.status().isFinal()
                                ? Uni.createFrom().item(order)
                                : awaitFinal(order, outcome, deadline)));
    }
}
