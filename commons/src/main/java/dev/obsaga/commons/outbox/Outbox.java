package dev.obsaga.commons.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import dev.obsaga.commons.events.CommittedEvents;
import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.commons.persistence.Transaction;
import dev.obsaga.commons.telemetry.EventSpans;
import dev.obsaga.commons.telemetry.TraceContexts;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.EventRoute;
import io.opentelemetry.api.trace.Span;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: a state change and the events it causes commit together or not at all, and the
 * relay publishes the events after the commit (straight from memory; the rows are the durable copy, read back
 * only when that publish did not happen). No event can be lost between the database and the broker.
 * Each row keeps the W3C traceparent of the work that wrote it, so the relayed message continues that trace.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox (id, routing_key, payload, traceparent) "
            + "VALUES ($1, $2, $3, $4)";

    private final EventCodec codec;
    private final Instance<OutboxRelay> relay;
    private final Event<CommittedEvents> committed;

    public Outbox(EventCodec codec, Instance<OutboxRelay> relay, Event<CommittedEvents> committed) {
        this.codec = codec;
        this.relay = relay;
        this.committed = committed;
    }

    /**
     * Writes the event into the outbox as part of {@code tx} (pipelined: it is waited for at the commit). Once the
     * transaction committed, the relay publishes it and the event is announced as {@link CommittedEvents}.
     */
    public void append(Transaction tx, DomainEvent event) {
        OutboxRow row = new OutboxRow(event.eventId(), EventRoute.of(event).routingKey(), codec.encode(event),
                TraceContexts.traceparent(tx.trace()));
        if (relay.isResolvable()) {
            OutboxRelay publisher = relay.get();
            // Claimed before the row can be seen: the relay's poll must not publish it while the commit's own
            // publish is under way. Rolled back (or, if the commit's answer was lost, maybe not): the poll decides.
            publisher.claim(row);
            tx.afterCommit(() -> publisher.relayCommitted(List.of(row)));
            tx.afterRollback(() -> publisher.release(List.of(row)));
        }
        tx.write(INSERT, Tuple.of(row.id(), row.routingKey(), row.payload(), row.traceparent()));
        EventSpans.annotate(Span.fromContext(tx.trace()), event);
        tx.afterCommit(() -> committed.fire(new CommittedEvents(List.of(event))));
    }
}
