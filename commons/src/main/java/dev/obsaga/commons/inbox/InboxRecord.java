package dev.obsaga.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.persistence.Transactions;
import dev.obsaga.contracts.events.DomainEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Exactly-once effects: the event's id goes into the inbox in the same transaction as the handler's effect. The
 * inbox row is written first and pipelined with the effect; a redelivered or duplicated event violates the
 * inbox's key, PostgreSQL rolls the whole transaction back, and the event counts as handled without effect.
 */
@ApplicationScoped
public class InboxRecord {

    private static final Logger LOG = Logger.getLogger(InboxRecord.class);
    private static final String INSERT = "INSERT INTO inbox (event_id, subscription) VALUES ($1, $2)";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Transactions transactions;
    private final ConsumerTelemetry telemetry;

    public InboxRecord(Transactions transactions, ConsumerTelemetry telemetry) {
        this.transactions = transactions;
        this.telemetry = telemetry;
    }

    <P> Uni<Void> applyOnce(Delivery delivery, DomainEvent event, EventHandler<P> handler, P prepared) {
        return transactions.run(delivery.trace(), tx -> {
            tx.write(INSERT, Tuple.of(event.eventId(), delivery.subscription().queue()));
            return handler.apply(tx, event, prepared);
        }).onFailure(InboxRecord::isDuplicate).recoverWithItem(() -> {
            LOG.debugf("Event %s already handled on %s, acknowledged without effect", event.eventId(),
                    delivery.subscription().queue());
            telemetry.duplicate(delivery);
            return null;
        });
    }

    static boolean isDuplicate(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && "inbox".equals(pg.getTable());
    }
}
