package dev.obsaga.commons.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * publish failed stays and is retried (at-least-once: consumers deduplicate through their inbox). One drain
 * loop runs at a time per instance, on a Vert.x context of its own so it never runs inside (or traces into) the
 * request that kicked it; rows are claimed with SKIP LOCKED so several instances can share a table. Each
 * message is published in the trace context saved with its row.
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
            while (running.get() && System.nanoTime() < end) {
                running.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            }
        }
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
                .preparedQuery("SELECT id, routing_key, payload, traceparent FROM outbox ORDER BY seq LIMIT $1 "
                        + "FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .chain(this::publishAll)
                .chain(confirmed -> delete(conn, confirmed)));
    }

    private void measureBacklog() {
        pool.query("SELECT count(*) FROM outbox").execute()
                .subscribe().with(rows -> metrics.outboxPending(rows.iterator().next().getLong(0)),
                        failure -> LOG.debugf("Outbox backlog not measured: %s", failure.getMessage()));
    }

    private Uni<List<UUID>> publishAll(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<UUID>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            sends.add(publish(id, row.getString("routing_key"), row.getString("payload"), row.getString("traceparent"))
                    .replaceWith(id)
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
