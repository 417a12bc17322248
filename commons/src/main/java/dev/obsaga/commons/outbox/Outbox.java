package dev.obsaga.commons.outbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.EventRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: a state change and the events it causes commit together or not at all, and the
 * relay publishes the events after the commit. No event can be lost between the database and the broker.
 */
@ApplicationScoped
public class Outbox {

    private final Pool pool;
    private final EventCodec codec;
    private final Instance<OutboxRelay> relay;

    public Outbox(Pool pool, EventCodec codec, Instance<OutboxRelay> relay) {
        this.pool = pool;
        this.codec = codec;
        this.relay = relay;
    }

    /** Runs the work in one transaction and wakes the relay once it committed. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work)
                .invoke(() -> {
                    if (relay.isResolvable()) {
                        relay.get().kick();
                    }
                });
    }

    /** Writes the event into the outbox of the transaction {@code tx}. */
    public Uni<Void> append(SqlConnection tx, DomainEvent event) {
        EventRoute route = EventRoute.of(event);
        return tx.preparedQuery("INSERT INTO outbox (id, routing_key, payload) VALUES ($1, $2, $3)")
                .execute(Tuple.of(event.eventId(), route.routingKey(), codec.encode(event)))
                .replaceWithVoid();
    }
}
