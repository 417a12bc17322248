package dev.obsaga.commons.inbox;

import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.contracts.events.DomainEvent;
import io.smallrye.mutiny.Uni;

/**
 * What a consumer does with one event, in two steps. {@link #prepare} runs first, outside any transaction, for
 * slow calls to other systems (a payment gateway, another service), so no database connection is held while
 * waiting for them; it must be safe to repeat, since it runs again when the event is retried. {@link #apply} is
 * the effect, inside the transaction that also records the event in the inbox.
 *
 * @param <P> what the first step found out and the second one needs
 */
@FunctionalInterface
public interface EventHandler<P> {

    default Uni<P> prepare(DomainEvent event) {
        return Uni.createFrom().nullItem();
    }

    Uni<Void> apply(Transaction tx, DomainEvent event, P prepared);
}
