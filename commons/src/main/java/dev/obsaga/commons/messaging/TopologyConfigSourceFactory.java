package dev.obsaga.commons.messaging;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.ServiceTopology;
import dev.obsaga.contracts.topology.Subscription;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the topology declared once in the contracts module into the RabbitMQ connector configuration of the
 * service that is starting (found by {@code quarkus.application.name}). Its ordinal sits below
 * application.properties and the environment, so any attribute stays overridable per channel there.
 */
public class TopologyConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250) and env (300), above META-INF/microprofile-config.properties (100). */
    static final int ORDINAL = 200;
    static final String OUTBOX_CHANNEL = OutboxChannel.NAME;
    /** Consumers per queue and instance (each a channel copy {@code <channel>$1..N} with its own AMQP channel). */
    public static final String CONCURRENCY = "obsaga.messaging.consumer-concurrency";
    static final int DEFAULT_CONCURRENCY = 4;
    /** Messages the broker may have handed to one instance for a queue, shared by its consumers. */
    static final int PREFETCH_PER_QUEUE = 128;
    private static final String CONNECTOR = "smallrye-rabbitmq";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue name = context.getValue("quarkus.application.name");
        if (name == null || name.getValue() == null) {
            return Collections.emptyList();
        }
        return List.of(new MapBackedConfigSource("obsaga-topology",
                properties(name.getValue(), concurrency(context.getValue(CONCURRENCY))), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static int concurrency(ConfigValue value) {
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return DEFAULT_CONCURRENCY;
        }
        int n;
        try {
            n = Integer.parseInt(value.getValue().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CONCURRENCY + " must be a whole number from 1 to 64: " + value.getValue());
        }
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException(CONCURRENCY + " must be a whole number from 1 to 64: " + n);
        }
        return n;
    }

    static Map<String, String> properties(String service) {
        return properties(service, DEFAULT_CONCURRENCY);
    }

    static Map<String, String> properties(String service, int concurrency) {
        Map<String, String> p = new HashMap<>();
        ServiceTopology topology = ServiceTopology.of(service);
        topology.exchange().ifPresent(exchange -> outgoing(p, exchange));
        topology.subscriptions().forEach(subscription -> incoming(p, subscription, concurrency));
        return p;
    }

    /**
     * The names the channel of a subscription runs under: SmallRye Reactive Messaging makes one copy per consumer,
     * {@code <channel>$1..N}, when the concurrency is above 1 (the plain name then has no pausable or health check).
     */
    public static List<String> channelNames(Subscription subscription, int concurrency) {
        if (concurrency <= 1) {
            return List.of(subscription.channel());
        }
        return IntStream.rangeClosed(1, concurrency)
                .mapToObj(i -> subscription.channel() + "$" + i).toList();
    }

    private static void outgoing(Map<String, String> p, Exchange exchange) {
        String prefix = "mp.messaging.outgoing." + OUTBOX_CHANNEL + ".";
        p.put(prefix + "connector", CONNECTOR);
        p.put(prefix + "exchange.name", exchange.exchangeName());
        p.put(prefix + "exchange.type", "topic");
        p.put(prefix + "exchange.durable", "true");
        // The outbox relay marks a row done only once the broker confirmed the message.
        p.put(prefix + "publish-confirms", "true");
        // The relay retries from the outbox table itself; the connector's own 6 x 5 s retries would only delay that.
        p.put(prefix + "retry-on-fail-attempts", "0");
        // High on purpose: a publish whose connection died under it never gets its confirm and keeps its in-flight
        // slot in the connector; with a low limit a broker cut under load left the publisher stalled for good
        // (fault suite: every later publish timed out). The relay bounds what it waits for itself (confirm-timeout).
        p.put(prefix + "max-inflight-messages", "65536");
        p.put(prefix + "automatic-recovery-enabled", "true");
        brokerIsNotLiveness(p, OUTBOX_CHANNEL);
    }

    /**
     * A broker outage makes the service not ready, never not live: restarting the pod would not bring the broker
     * back, and the outbox keeps every event until it returns.
     */
    private static void brokerIsNotLiveness(Map<String, String> p, String channel) {
        p.put("quarkus.messaging.health." + channel + ".liveness.enabled", "false");
    }

    private static void incoming(Map<String, String> p, Subscription subscription, int concurrency) {
        String prefix = "mp.messaging.incoming." + subscription.channel() + ".";
        p.put(prefix + "connector", CONNECTOR);
        p.put(prefix + "queue.name", subscription.queue());
        p.put(prefix + "queue.durable", "true");
        p.put(prefix + "queue.x-queue-type", Subscription.QUEUE_TYPE);
        p.put(prefix + "queue.x-delivery-limit", Integer.toString(Subscription.DELIVERY_LIMIT));
        p.put(prefix + "exchange.name", subscription.exchange().exchangeName());
        p.put(prefix + "exchange.type", "topic");
        p.put(prefix + "exchange.durable", "true");
        p.put(prefix + "routing-keys",
                subscription.routes().stream().map(EventRoute::routingKey).collect(Collectors.joining(",")));
        // A message the handler gives up on is rejected into <queue>.dlq through one dead-letter exchange.
        p.put(prefix + "failure-strategy", "reject");
        p.put(prefix + "auto-bind-dlq", "true");
        p.put(prefix + "dead-letter-exchange", Subscription.DEAD_LETTER_EXCHANGE);
        p.put(prefix + "dead-letter-exchange-type", "direct");
        p.put(prefix + "dead-letter-queue-name", subscription.deadLetterQueue());
        p.put(prefix + "dead-letter-queue-type", Subscription.QUEUE_TYPE);
        p.put(prefix + "dead-letter-routing-key", subscription.queue());
        p.put(prefix + "dlx.declare", "true");
        // Several consumers per queue: each handles one message at a time (a transaction and its commit), so one
        // consumer caps a queue at 1 / handling time; with several, PostgreSQL also groups their commits. Handlers
        // must not depend on the order of events of one aggregate (ours get one event per order or customer).
        if (concurrency > 1) {
            p.put(prefix + "concurrency", Integer.toString(concurrency));
        }
        // Prefetch: enough to keep the handlers busy, bounded so a slow consumer does not pull the whole queue.
        p.put(prefix + "max-outstanding-messages", Integer.toString(Math.max(16, PREFETCH_PER_QUEUE / concurrency)));
        p.put(prefix + "automatic-recovery-enabled", "true");
        // A consumer reconnects through amqp-client's own recovery only: it keeps the channel object and ignores
        // acks of deliveries made before the connection was lost. The Vert.x client's restart (on unless the
        // attempts are 0) opens a new connection instead; the acks of messages still being handled from the old
        // one then hit the new channel ("unknown delivery tag"), close it, and under load the restarts repeat
        // until the consumer stream fails for good (seen in fault-tests after a 10 s broker outage at 100/s).
        p.put(prefix + "reconnect-attempts", "0");
        p.put(prefix + "network-recovery-interval", "2000");
        // Lets the consumer-paused fault (and an operator) stop and resume consumption without a restart.
        p.put(prefix + "pausable", "true");
        for (String channel : channelNames(subscription, concurrency)) {
            brokerIsNotLiveness(p, channel);
        }
    }
}
