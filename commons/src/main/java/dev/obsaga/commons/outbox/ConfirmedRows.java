package dev.obsaga.commons.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows the broker confirmed, deleted in coalesced batches: one {@code DELETE … WHERE id = ANY(…)} for everything
 * confirmed so far, by id (an ordered scan over freshly deleted rows is what makes queue tables slow in
 * PostgreSQL). While one runs, new confirmations queue up for the next. A failed DELETE keeps the rows claimed and
 * queued for the next flush, so the poll does not publish them again.
 */
final class ConfirmedRows {

    private static final Logger LOG = Logger.getLogger(ConfirmedRows.class);

    private final Pool pool;
    private final ClaimedRows claimed;
    private final int maxBatch;
    private final Queue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deleting = new AtomicBoolean();

    ConfirmedRows(Pool pool, ClaimedRows claimed, int maxBatch) {
        this.pool = pool;
        this.claimed = claimed;
        this.maxBatch = maxBatch;
    }

    void add(List<UUID> ids) {
        confirmed.addAll(ids);
        flush();
    }

    boolean isIdle() {
        return !deleting.get() && confirmed.isEmpty();
    }

    void flush() {
        if (confirmed.isEmpty() || !deleting.compareAndSet(false, true)) {
            return;
        }
        List<UUID> batch = new ArrayList<>();
        UUID id;
        while (batch.size() < maxBatch && (id = confirmed.poll()) != null) {
            batch.add(id);
        }
        pool.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(batch.toArray(UUID[]::new)))
                .subscribe().with(done -> {
                    batch.forEach(claimed::release);
                    deleting.set(false);
                    flush();
                }, failure -> {
                    LOG.warnf("Outbox rows already published not deleted yet, will retry: %s", failure.getMessage());
                    confirmed.addAll(batch);
                    deleting.set(false);
                });
    }
}
