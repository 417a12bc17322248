package dev.obsaga.commons.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads back what the fast path did not publish — rows whose publish failed, rows of a crashed instance, rows
 * written by someone else — and publishes them in batches, with SKIP LOCKED so several instances can share the
 * table. Asked for with {@link #kick()}; kicks coalesce with a drain under way, so they never pile up.
 */
final class OutboxPoll {

    private static final Logger LOG = Logger.getLogger(OutboxPoll.class);

    private final Pool pool;
    private final RowPublisher publisher;
    private final ClaimedRows claimed;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    OutboxPoll(Pool pool, RowPublisher publisher, ClaimedRows claimed, int batchSize) {
        this.pool = pool;
        this.publisher = publisher;
        this.claimed = claimed;
        this.batchSize = batchSize;
    }

    /** Asks for a drain on {@code context}; none starts while one is under way (it drains again instead). */
    void kick(Context context) {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    boolean isIdle() {
        return !running.get();
    }

    /** Waits up to {@code millis} for the drain under way to end; the caller loops until its deadline. */
    void awaitIdle(long millis) throws InterruptedException {
        synchronized (running) {
            if (running.get()) {
                running.wait(millis);
            }
        }
    }

    private void drain() {
        pending.set(false);
        relayBatch().subscribe().with(relayed -> {
            if (relayed >= batchSize) {
                drain();
            } else {
                finish();
            }
        }, failure -> {
            LOG.warnf("Outbox relay could not publish, will retry: %s", failure.getMessage());
            idle();
        });
    }

    private void finish() {
        idle();
        if (pending.get() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void idle() {
        synchronized (running) {
            running.set(false);
            running.notifyAll();
        }
    }

    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT id, routing_key, payload, traceparent FROM outbox WHERE id <> ALL($2) "
                        + "ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(batchSize, claimed.snapshot()))
                .map(OutboxPoll::rows)
                .chain(publisher::publishAll)
                .chain(confirmed -> delete(conn, confirmed)));
    }

    private static List<OutboxRow> rows(RowSet<Row> rows) {
        List<OutboxRow> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(new OutboxRow(row.getUUID("id"), row.getString("routing_key"), row.getString("payload"),
                    row.getString("traceparent")));
        }
        return list;
    }

    private static Uni<Integer> delete(SqlConnection conn, List<UUID> confirmed) {
        if (confirmed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(confirmed.toArray(UUID[]::new)))
                .replaceWith(confirmed.size());
    }
}
