package dev.obsaga.commons.outbox;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows with publisher confirms and deletes each row once the broker confirmed it; a row whose
 * publish failed stays and is retried (at-least-once: consumers deduplicate through their inbox). One drain
 * loop runs at a time per instance; rows are claimed with SKIP LOCKED so several instances can share a table.
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
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;

    public OutboxRelay(Pool pool, @Channel(OutboxChannel.NAME) MutinyEmitter<String> emitter, OutboxConfig config,
            Vertx vertx) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> kick());
        kick();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Asks for a drain; coalesces with a drain already under way so kicks never pile up. */
    public void kick() {
        pending.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            drain();
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
            running.set(false);
        });
    }

    private void finish() {
        running.set(false);
        if (pending.get() && !stopped && running.compareAndSet(false, true)) {
            drain();
        }
    }

    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT id, routing_key, payload FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .chain(this::publishAll)
                .chain(confirmed -> delete(conn, confirmed)));
    }

    private Uni<List<UUID>> publishAll(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<UUID>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            sends.add(publish(id, row.getString("routing_key"), row.getString("payload"))
                    .replaceWith(id)
                    .onFailure().recoverWithNull());
        }
        return Uni.join().all(sends).andCollectFailures()
                .map(ids -> ids.stream().filter(Objects::nonNull).toList());
    }

    private Uni<Void> publish(UUID id, String routingKey, String payload) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(id.toString())
                .withRoutingKey(routingKey)
                .withType(routingKey)
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .build();
        // A publish the broker never confirms must not hold the claimed rows forever.
        return emitter.sendMessage(Message.of(payload, Metadata.of(metadata)))
                .ifNoItem().after(config.confirmTimeout()).fail();
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
