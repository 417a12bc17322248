package dev.obsaga.commons.inbox;

import dev.obsaga.contracts.events.DomainEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** A consumer's effect for one event, run inside the transaction that also records the event in the inbox. */
@FunctionalInterface
public interface EventHandler {
    Uni<Void> handle(SqlConnection tx, DomainEvent event);
}
