package dev.obsaga.commons.outbox;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.obsaga.commons.messaging.OutboxChannel;
import dev.obsaga.commons.telemetry.MessagingMetrics;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.contracts.topology.ServiceTopology;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes outbox rows with publisher confirms and deletes each row once the broker confirmed it; a row whose
 * publish failed stays and is retried (at-least-once: consumers deduplicate through their inbox). It runs on a
 * Vert.x context of its own, so a publish never runs inside (or traces into) the work that wrote the row.
 * <p>
 * Two paths. The <em>fast path</em>: the rows a transaction of this instance committed are published straight
 * from memory ({@link RowPublisher}) and deleted in coalesced batches ({@link ConfirmedRows}). The
 * <em>poll</em> ({@link OutboxPoll}, every {@code obsaga.outbox.poll-interval} and when kicked) reads what is left;
 * it skips the rows the fast path still owns ({@link ClaimedRows}). Another instance may publish a row in the
 * moment between its commit and its delete here: a duplicate, which the inbox absorbs.
 */
@ApplicationScoped
@IfBuildProperty(name = "obsaga.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final MessagingMetrics metrics;
    private final ClaimedRows claimed = new ClaimedRows();
    private final RowPublisher publisher;
    private final ConfirmedRows confirmed;
    private final OutboxPoll poll;
    private final AtomicInteger publishing = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Context relayContext;
    private long timerId = -1;

    public OutboxRelay(Pool pool, @Channel(OutboxChannel.NAME) MutinyEmitter<String> emitter, OutboxConfig config,
            Vertx vertx, MessagingMetrics metrics) {
        this.pool = pool;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.publisher = new RowPublisher(emitter, metrics, config.confirmTimeout());
        this.confirmed = new ConfirmedRows(pool, claimed, config.batchSize() * 10);
        this.poll = new OutboxPoll(pool, publisher, claimed, config.batchSize());
    }

    void onStart(@Observes StartupEvent event, ServiceTopology topology) {
        for (EventRoute route : topology.publishedRoutes()) {
            metrics.preRegisterPublisher(route.exchange().exchangeName(), route.routingKey());
        }
        relayContext = vertx.getDelegate().getOrCreateContext();
        relayContext.runOnContext(v -> timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> {
            measureBacklog();
            confirmed.flush();
            kick();
        }));
        kick();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        // A batch under way finishes (published and deleted) before the pool closes; what is left waits in the
        // table for the next start.
        long end = System.nanoTime() + config.confirmTimeout().plusSeconds(1).toNanos();
        while (busy() && System.nanoTime() < end) {
            poll.awaitIdle(10);
        }
    }

    private boolean busy() {
        return !poll.isIdle() || publishing.get() > 0 || !confirmed.isIdle();
    }

    /** The fast path will publish this row once its transaction commits: the poll leaves it alone until then. */
    void claim(OutboxRow row) {
        claimed.claim(row.id());
    }

    /** The transaction did not commit (or its outcome is unknown): whatever the table holds is the poll's. */
    void release(List<OutboxRow> rows) {
        claimed.releaseAll(rows);
    }

    /** The fast path: publishes rows this instance just committed, without reading them back. */
    void relayCommitted(List<OutboxRow> rows) {
        Context context = relayContext;
        if (context == null || stopped) {
            release(rows);
            return;
        }
        publishing.incrementAndGet();
        context.runOnContext(v -> publisher.publishAll(rows)
                .onTermination().invoke(publishing::decrementAndGet)
                .subscribe().with(ids -> {
                    Set<UUID> ok = Set.copyOf(ids);
                    // Not confirmed: back to the poll, which retries it.
                    rows.stream().map(OutboxRow::id).filter(id -> !ok.contains(id)).forEach(claimed::release);
                    confirmed.add(ids);
                }, failure -> release(rows)));
    }

    /** Asks for a drain of what the fast path did not publish. */
    public void kick() {
        Context context = relayContext;
        if (context != null && !stopped) {
            poll.kick(context);
        }
    }

    private void measureBacklog() {
        pool.query("SELECT count(*) FROM outbox").execute()
                .subscribe().with(rows -> metrics.outboxPending(rows.iterator().next().getLong(0)),
                        failure -> LOG.debugf("Outbox backlog not measured: %s", failure.getMessage()));
    }
}
