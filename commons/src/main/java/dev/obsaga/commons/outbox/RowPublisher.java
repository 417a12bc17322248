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

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.obsaga.commons.telemetry.MessagingMetrics;
import dev.obsaga.commons.telemetry.MessagingMetrics.PublishOutcome;
import dev.obsaga.commons.telemetry.TraceContexts;
import dev.obsaga.contracts.telemetry.MessageHeaders;
import dev.obsaga.contracts.topology.EventRoute;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes outbox rows as persistent messages and waits for the broker's confirm, in the trace context saved
 * with each row; times publish-to-confirm.
 */
final class RowPublisher {

    private static final int PERSISTENT = 2;

    private final MutinyEmitter<String> emitter;
    private final MessagingMetrics metrics;
    private final Duration confirmTimeout;

    RowPublisher(MutinyEmitter<String> emitter, MessagingMetrics metrics, Duration confirmTimeout) {
        this.emitter = emitter;
        this.metrics = metrics;
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes every row; answers the ids the broker confirmed (a row that failed is left out). */
    Uni<List<UUID>> publishAll(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<UUID>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(publish(row).replaceWith(row.id()).onFailure().recoverWithNull());
        }
        return Uni.join().all(sends).andCollectFailures()
                .map(ids -> ids.stream().filter(Objects::nonNull).toList());
    }

    private Uni<Void> publish(OutboxRow row) {
        Instant now = Instant.now();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withMessageId(row.id().toString())
                .withRoutingKey(row.routingKey())
                .withType(row.routingKey())
                .withContentType("application/json")
                .withDeliveryMode(PERSISTENT)
                .withTimestamp(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                .withHeader(MessageHeaders.PUBLISHED_AT_MICROS, ChronoUnit.MICROS.between(Instant.EPOCH, now))
                .build();
        TracingMetadata trace = TracingMetadata.withCurrent(TraceContexts.fromTraceparent(row.traceparent()));
        String exchange = EventRoute.byRoutingKey(row.routingKey()).map(r -> r.exchange().exchangeName())
                .orElse("unknown");
        long start = System.nanoTime();
        // A publish the broker never confirms must not hold the claimed rows forever.
        return emitter.sendMessage(Message.of(row.payload(), Metadata.of(metadata, trace)))
                .ifNoItem().after(confirmTimeout).fail()
                .onItemOrFailure().invoke((ok, failure) -> metrics.published(exchange, row.routingKey(),
                        failure == null ? PublishOutcome.SUCCESS : PublishOutcome.ERROR,
                        Duration.ofNanos(System.nanoTime() - start)));
    }
}
