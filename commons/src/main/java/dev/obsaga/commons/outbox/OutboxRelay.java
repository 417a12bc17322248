package dev.obsaga.commons.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.obsaga.commons.messaging.OutboxChannel;
import dev.obsaga.commons.telemetry.MessagingMetrics;
import dev.obsaga.commons.telemetry.MessagingMetrics.PublishOutcome;
import dev.obsaga.commons.telemetry.TraceContexts;
import dev.obsaga.contracts.telemetry.MessageHeaders;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Exchange;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows with publisher confirms and deletes each row once the broker confirmed it; a row whose
 * publish failed stays and is retried (at-least-once: consumers deduplicate through their inbox). Each message
 * is published in the trace context saved with its row, on a Vert.x context of the relay's own so it never runs
 * inside (or traces into) the work that wrote it.
 * <p>
 * Two paths. The <em>fast path</em>: the rows a transaction of this instance committed are published straight
 * from memory and deleted in coalesced batches — one {@code DELETE} per batch instead of a transaction with a
 * {@code SELECT … FOR UPDATE} and a {@code DELETE} per drain (3 of the ~8 statements an event cost). The
 * <em>poll</em> (every {@code obsaga.outbox.poll-interval}, and when kicked) reads what is left — rows whose
 * publish failed, rows of a crashed instance, rows written by someone else — with SKIP LOCKED, so several
 * instances can share a table; it skips the rows this instance's fast path still owns. Another instance may
 * publish a row in the moment between its commit and its delete here: a duplicate, which the inbox absorbs.
 */
@ApplicationScoped
@IfBuildProperty(name = "obsaga.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int PERSISTENT = 2;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final MessagingMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Rows the fast path owns, from their INSERT until their DELETE (or until given back to the poll). */
    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    /** Confirmed by the broker, waiting for the next coalesced DELETE. */
    private final Queue<UUID> confirmedRows = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deleting = new AtomicBoolean();
    private final AtomicInteger publishing = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Context relayContext;
    private long timerId = -1;

    public OutboxRelay(Pool pool, @Channel(OutboxChannel.NAME) MutinyEmitter<String> emitter, OutboxConfig config,
            Vertx vertx, MessagingMetrics metrics) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event, @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "quarkus.application.name") String service) {
        Exchange.ownedBy(service).ifPresent(exchange -> {
            for (EventRoute route : EventRoute.values()) {
                if (route.exchange() == exchange) {
                    metrics.preRegisterPublisher(exchange.exchangeName(), route.routingKey());
                }
            }
        });
        relayContext = vertx.getDelegate().getOrCreateContext();
        relayContext.runOnContext(v -> timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> {
            measureBacklog();
            deleteConfirmed();
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
        synchronized (running) {
            while (busy() && System.nanoTime() < end) {
                running.wait(10);
            }
        }
    }

    private boolean busy() {
        return running.get() || publishing.get() > 0 || deleting.get() || !confirmedRows.isEmpty();
    }

    /** The fast path will publish this row once its transaction commits: the poll leaves it alone until then. */
    void claim(OutboxRow row) {
        claimed.add(row.id());
    }

    /** The transaction did not commit (or its outcome is unknown): whatever the table holds is the poll's. */
    void release(List<OutboxRow> rows) {
        rows.forEach(row -> claimed.remove(row.id()));
    }

    /** The fast path: publishes rows this instance just committed, without reading them back. */
    void relayCommitted(List<OutboxRow> rows) {
        Context context = relayContext;
        if (context == null || stopped) {
            release(rows);
            return;
        }
        publishing.incrementAndGet();
        context.runOnContext(v -> publishAll(rows)
                .onTermination().invoke(publishing::decrementAndGet)
                .subscribe().with(confirmed -> {
                    Set<UUID> ok = Set.copyOf(confirmed);
                    // Not confirmed: back to the poll, which retries it.
                    rows.stream().map(OutboxRow::id).filter(id -> !ok.contains(id)).forEach(claimed::remove);
                    confirmedRows.addAll(confirmed);
                    deleteConfirmed();
                }, failure -> release(rows)));
    }

    /**
     * One DELETE for everything confirmed so far; while it runs, new confirmations queue up for the next one. A
     * failed DELETE keeps the rows claimed and queued for the next tick, so the poll does not publish them again.
     */
    private void deleteConfirmed() {
        if (confirmedRows.isEmpty() || !deleting.compareAndSet(false, true)) {
            return;
        }
        List<UUID> batch = new ArrayList<>();
        UUID id;
        while (batch.size() < config.batchSize() * 10 && (id = confirmedRows.poll()) != null) {
            batch.add(id);
        }
        pool.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(batch.toArray(UUID[]::new)))
                .subscribe().with(done -> {
                    batch.forEach(claimed::remove);
                    deleting.set(false);
                    deleteConfirmed();
                }, failure -> {
                    LOG.warnf("Outbox rows already published not deleted yet, will retry: %s", failure.getMessage());
                    confirmedRows.addAll(batch);
                    deleting.set(false);
                });
    }

    /** Asks for a drain; coalesces with a drain already under way so kicks never pile up. */
    public void kick() {
        pending.set(true);
        Context context = relayContext;
        if (context != null && !stopped && running.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        pending.set(false);
        relayBatch().subscribe().with(relayed -> {
            if (relayed >= config.batchSize()) {
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
        if (pending.get() && !stopped && running.compareAndSet(false, true)) {
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
                .execute(Tuple.of(config.batchSize(), claimed.toArray(UUID[]::new)))
                .map(OutboxRelay::rows)
                .chain(this::publishAll)
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

    private void measureBacklog() {
        pool.query("SELECT count(*) FROM outbox").execute()
                .subscribe().with(rows -> metrics.outboxPending(rows.iterator().next().getLong(0)),
                        failure -> LOG.debugf("Outbox backlog not measured: %s", failure.getMessage()));
    }

    private Uni<List<UUID>> publishAll(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<UUID>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(publish(row.id(), row.routingKey(), row.payload(), row.traceparent())
                    .replaceWith(row.id())
                    .onFailure().recoverWithNull());
        }
        return Uni.join().all(sends).andCollectFailures()
                .map(ids -> ids.stream().filter(Objects::nonNull).toList());
    }

    private Uni<Void> publish(UUID id, String routingKey, String payload, String traceparent) {
        Instant now = Instant.now();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(id.toString())
                .withRoutingKey(routingKey)
                .withType(routingKey)
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                .withHeader(MessageHeaders.PUBLISHED_AT_MICROS, ChronoUnit.MICROS.between(Instant.EPOCH, now))
                .build();
        TracingMetadata trace = TracingMetadata.withCurrent(TraceContexts.fromTraceparent(traceparent));
        String exchange = EventRoute.byRoutingKey(routingKey).map(r -> r.exchange().exchangeName()).orElse("unknown");
        long start = System.nanoTime();
        // A publish the broker never confirms must not hold the claimed rows forever.
        return emitter.sendMessage(Message.of(payload, Metadata.of(metadata, trace)))
                .ifNoItem().after(config.confirmTimeout()).fail()
                .onItemOrFailure().invoke((ok, failure) -> metrics.published(exchange, routingKey,
                        failure == null ? PublishOutcome.SUCCESS : PublishOutcome.ERROR,
                        Duration.ofNanos(System.nanoTime() - start)));
    }

    private Uni<Integer> delete(SqlConnection conn, List<UUID> confirmed) {
        if (confirmed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(confirmed.toArray(UUID[]::new)))
                .replaceWith(confirmed.size());
    }
}
