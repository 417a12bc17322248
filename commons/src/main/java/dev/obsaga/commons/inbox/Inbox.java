package dev.obsaga.commons.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Subscription;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumer side of exactly-once effects: records the event id and applies the handler's effect in one
 * transaction, and acks only after that commit. A redelivered or duplicated event finds its id in the inbox and
 * is acked without effect. Transient failures are retried with back-off; then, or at once for a message that
 * cannot be read, the message is rejected into the subscription's dead-letter queue.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Outbox outbox;
    private final EventCodec codec;
    private final InboxConfig config;

    public Inbox(Outbox outbox, EventCodec codec, InboxConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.config = config;
    }

    public Uni<Void> consume(Message<?> message, Subscription subscription, EventHandler handler) {
        return consume(message, subscription, event -> Uni.createFrom().item(handler));
    }

    /**
     * Like {@link #consume(Message, Subscription, EventHandler)}, with a first step outside the transaction for
     * slow calls to other systems (a payment gateway, another service), so no database connection is held while
     * waiting for them. The step must be safe to repeat: it runs again when the event is retried.
     */
    public Uni<Void> consume(Message<?> message, Subscription subscription,
            Function<DomainEvent, Uni<EventHandler>> prepare) {
        DomainEvent event;
        try {
            event = decode(message, subscription);
        } catch (PoisonMessageException e) {
            LOG.errorf(e, "Poison message on %s sent to %s", subscription.queue(), subscription.deadLetterQueue());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return prepare.apply(event)
                .chain(handler -> handleOnce(event, subscription, handler))
                .onFailure(f -> !(f instanceof PoisonMessageException)).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.retries())
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "Event %s on %s failed after %d retries, sent to %s", event.eventId(),
                            subscription.queue(), config.retries(), subscription.deadLetterQueue());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> handleOnce(DomainEvent event, Subscription subscription, EventHandler handler) {
        return outbox.inTransaction(tx -> tx
                .preparedQuery("INSERT INTO inbox (event_id, subscription) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(event.eventId(), subscription.queue()))
                .chain(inserted -> {
                    if (inserted.rowCount() == 0) {
                        LOG.debugf("Event %s already handled on %s, acknowledged without effect", event.eventId(),
                                subscription.queue());
                        return Uni.createFrom().voidItem();
                    }
                    return handler.handle(tx, event);
                }));
    }

    private DomainEvent decode(Message<?> message, Subscription subscription) {
        Optional<IncomingRabbitMQMetadata> metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        String routingKey = metadata.flatMap(IncomingRabbitMQMetadata::getType)
                .or(() -> metadata.map(IncomingRabbitMQMetadata::getRoutingKey))
                .orElse("");
        EventRoute route = subscription.routes().stream()
                .filter(r -> r.routingKey().equals(routingKey))
                .findFirst()
                .orElseThrow(() -> new PoisonMessageException(
                        "Unexpected event type '" + routingKey + "' on " + subscription.queue(), null));
        try {
            return codec.decode(bytes(message.getPayload()), route.eventType());
        } catch (Exception e) {
            throw new PoisonMessageException("Unreadable " + route.routingKey() + " on " + subscription.queue(), e);
        }
    }

    private static byte[] bytes(Object payload) {
        if (payload instanceof byte[] raw) {
            return raw;
        }
        if (payload instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof JsonObject json) {
            return json.toBuffer().getBytes();
        }
        if (payload instanceof JsonArray json) {
            return json.toBuffer().getBytes();
        }
        return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
    }
}
