package dev.obsaga.commons.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.commons.telemetry.EventSpans;
import dev.obsaga.commons.telemetry.TraceContexts;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.EventRoute;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: a state change and the events it causes commit together or not at all, and the
 * relay publishes the events after the commit (straight from memory; the rows are the durable copy, read back
 * only when that publish did not happen). No event can be lost between the database and the broker.
 * Each row keeps the W3C traceparent of the work that wrote it, so the relayed message continues that trace.
 */
@ApplicationScoped
public class Outbox {

    private final Pool pool;
    private final EventCodec codec;
    private final Instance<OutboxRelay> relay;
    private final Event<CommittedEvents> committed;
    private final Map<SqlConnection, Pending> open = new ConcurrentHashMap<>();

    public Outbox(Pool pool, EventCodec codec, Instance<OutboxRelay> relay, Event<CommittedEvents> committed) {
        this.pool = pool;
        this.codec = codec;
        this.relay = relay;
        this.committed = committed;
    }

    /** Runs the work in one transaction, in the trace context current now. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return inTransaction(Context.current(), work);
    }

    /**
     * Runs the work in one transaction; events it appends belong to {@code trace}. Once it committed, wakes the
     * relay and announces the events.
     */
    public <T> Uni<T> inTransaction(Context trace, Function<SqlConnection, Uni<T>> work) {
        Pending pending = new Pending(trace, new ArrayList<>(), new ArrayList<>());
        return pool.withTransaction(tx -> {
            open.put(tx, pending);
            return work.apply(tx).onTermination().invoke(() -> open.remove(tx));
        }).onTermination().invoke((item, failure, cancelled) -> {
            if (pending.rows().isEmpty() || !relay.isResolvable()) {
                return;
            }
            if (failure != null || cancelled) {
                // Rolled back (or, if the commit's answer was lost, maybe not): the relay's poll decides.
                relay.get().release(pending.rows());
            } else {
                relay.get().relayCommitted(List.copyOf(pending.rows()));
            }
        }).invoke(() -> {
            if (!pending.events().isEmpty()) {
                committed.fire(new CommittedEvents(List.copyOf(pending.events())));
            }
        });
    }

    /** Writes the event into the outbox of the transaction {@code tx}, opened by {@link #inTransaction}. */
    public Uni<Void> append(SqlConnection tx, DomainEvent event) {
        Pending pending = open.get(tx);
        if (pending == null) {
            return Uni.createFrom().failure(new IllegalStateException("Outbox.append outside Outbox.inTransaction"));
        }
        OutboxRow row = new OutboxRow(event.eventId(), EventRoute.of(event).routingKey(), codec.encode(event),
                TraceContexts.traceparent(pending.trace()));
        if (relay.isResolvable()) {
            // Claimed before the row can be seen: the relay's poll must not publish it while the commit's own
            // publish is under way.
            relay.get().claim(row);
        }
        pending.rows().add(row);
        return tx.preparedQuery("INSERT INTO outbox (id, routing_key, payload, traceparent) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(row.id(), row.routingKey(), row.payload(), row.traceparent()))
                .invoke(() -> {
                    pending.events().add(event);
                    EventSpans.annotate(Span.fromContext(pending.trace()), event);
                })
                .replaceWithVoid();
    }

    private record Pending(Context trace, List<DomainEvent> events, List<OutboxRow> rows) {
    }
}
