package dev.obsaga.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * A test's own connection to the real broker: it listens on an exclusive queue bound to an exchange (what a
 * service published) and publishes as a service would (to inject duplicates and poison messages).
 */
public final class BrokerProbe implements AutoCloseable {

    /** One message as the broker delivered it to the probe. */
    public record Received(String routingKey, String messageId, String type, Map<String, Object> headers,
            AMQP.BasicProperties properties, byte[] rawBody) {
        public String body() {
            return new String(rawBody, StandardCharsets.UTF_8);
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public BrokerProbe() {
        TestInfrastructure.ensureTestVhost();
        try {
            connection = TestInfrastructure.connectionFactory().newConnection("obsaga-test-probe");
            channel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is required by the tests and is not reachable: " + e, e);
        }
    }

    /** Starts collecting what is published to {@code exchange} with a key matching {@code bindingKey}. */
    public BrokerProbe listen(String exchange, String bindingKey) {
        return listen(exchange, bindingKey, message -> {
        });
    }

    /**
     * As {@link #listen(String, String)}, also handing each message to {@code onMessage} as it arrives, on the
     * probe's consumer thread (where {@link #publish} may be called, e.g. to deliver a message twice).
     */
    public BrokerProbe listen(String exchange, String bindingKey, Consumer<Received> onMessage) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            channel.basicConsume(queue, true, (tag, delivery) -> {
                Received message = new Received(delivery.getEnvelope().getRoutingKey(),
                        delivery.getProperties().getMessageId(), delivery.getProperties().getType(),
                        delivery.getProperties().getHeaders(), delivery.getProperties(), delivery.getBody());
                received.add(message);
                onMessage.accept(message);
            }, tag -> {
            });
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedContaining(String text) {
        return received.stream().filter(r -> r.body().contains(text)).toList();
    }

    /** Publishes a persistent JSON message the way the services' outbox relay does. */
    public void publish(String exchange, String routingKey, String messageId, String body) {
        publish(exchange, routingKey, new AMQP.BasicProperties.Builder()
                .messageId(messageId).type(routingKey).contentType("application/json").deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The default exchange ({@code ""}) delivers straight to the queue named {@code routingKey}. */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            if (!exchange.isEmpty()) {
                channel.exchangeDeclare(exchange, "topic", true);
            }
            channel.basicPublish(exchange, routingKey, properties, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
