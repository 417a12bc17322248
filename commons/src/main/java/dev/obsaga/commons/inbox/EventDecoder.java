package dev.obsaga.commons.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Subscription;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A delivery into the event it carries: its type from the AMQP type (or routing key), its body as JSON. */
@ApplicationScoped
public class EventDecoder {

    private final EventCodec codec;

    public EventDecoder(EventCodec codec) {
        this.codec = codec;
    }

    /** @throws PoisonMessageException for a type the subscription does not take or a body that cannot be read */
    DomainEvent decode(Message<?> message, Subscription subscription) {
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
