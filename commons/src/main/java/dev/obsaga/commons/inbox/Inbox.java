package dev.obsaga.commons.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.obsaga.commons.json.EventCodec;
import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.commons.resilience.Unavailability;
import dev.obsaga.commons.telemetry.ConsumerSpans;
import dev.obsaga.commons.telemetry.EventSpans;
import dev.obsaga.commons.telemetry.MessagingMetrics;
import dev.obsaga.commons.telemetry.MessagingMetrics.ConsumeOutcome;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.telemetry.MessageHeaders;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Subscription;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumer side of exactly-once effects: records the event id and applies the handler's effect in one
 * transaction, and acks only after that commit. A redelivered or duplicated event finds its id in the inbox and
 * is acked without effect. Transient failures are retried with back-off; then, or at once for a message that
 * cannot be read, the message is rejected into the subscription's dead-letter queue. A dependency that is down (the
 * database, another service) is not the message's fault: the message waits for it, and after
 * {@code obsaga.inbox.unavailable-retry-for} goes back to its queue — it is never dead-lettered for an outage.
 * On shutdown it stops taking messages and lets those under way finish ({@link ConsumerDrain}).
 * <p>
 * It is also the one place where consuming is observed: a "process" span (child of the connector's receive
 * span, so one order stays one trace), time in queue, processing time and outcome metrics.
 */
// Eager: registers the consumer series at zero from start-up.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Outbox outbox;
    private final EventCodec codec;
    private final InboxConfig config;
    private final MessagingMetrics metrics;
    private final Tracer tracer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean stopping;

    public Inbox(Outbox outbox, EventCodec codec, InboxConfig config, MessagingMetrics metrics, Tracer tracer,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.codec = codec;
        this.config = config;
        this.metrics = metrics;
        this.tracer = tracer;
        for (Subscription subscription : Subscription.values()) {
            if (subscription.consumer().equals(service)) {
                metrics.preRegisterConsumer(subscription.queue());
            }
        }
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
        long start = System.nanoTime();
        Optional<IncomingRabbitMQMetadata> metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        recordQueueTime(metadata, subscription);
        Span span = ConsumerSpans.start(tracer, Context.current(), subscription, metadata.orElse(null));
        Context trace = Context.current().with(span);
        if (stopping) {
            // Shutting down: untouched, the message goes back to the queue for the next instance or this one.
            span.addEvent("event.requeued.shutdown");
            span.end();
            metrics.consumed(subscription.queue(), ConsumeOutcome.RETRY, since(start));
            return Uni.createFrom().completionStage(message.nack(new IllegalStateException("shutting down"),
                    Metadata.of(new RabbitMQRejectMetadata(true))));
        }
        DomainEvent event;
        try {
            event = decode(message, metadata, subscription);
        } catch (PoisonMessageException e) {
            LOG.errorf(e, "Poison message on %s sent to %s", subscription.queue(), subscription.deadLetterQueue());
            ConsumerSpans.fail(span, e);
            metrics.consumed(subscription.queue(), ConsumeOutcome.DEAD_LETTER, since(start));
            return Uni.createFrom().completionStage(message.nack(e));
        }
        EventSpans.annotate(span, event);
        span.setAttribute(EventSpans.EVENT_ID, event.eventId().toString());
        span.addEvent("event.handling.started", Attributes.of(io.opentelemetry.api.common.AttributeKey
                .stringKey("event.type"), EventRoute.of(event).routingKey()));
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        inFlight.incrementAndGet();
        return Uni.createFrom().deferred(() -> prepare.apply(event))
                .chain(handler -> handleOnce(trace, event, subscription, handler))
                // A dependency that is down: wait for it, without spending the retries meant for real failures.
                .onFailure(this::worthWaitingFor).invoke(failure -> waiting(event, subscription, failure, waits))
                .onFailure(this::worthWaitingFor).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff())
                .expireIn(config.unavailableRetryFor().toMillis())
                .onFailure(this::worthRetrying).invoke(failure -> {
                    if (failures.incrementAndGet() <= config.retries()) {
                        LOG.warnf("Event %s on %s failed (attempt %d), retrying: %s", event.eventId(),
                                subscription.queue(), failures.get(), failure.toString());
                        metrics.retried(subscription.queue());
                    }
                })
                .onFailure(this::worthRetrying).retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff()).atMost(config.retries())
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        span.addEvent("event.handling.completed");
                        span.end();
                        metrics.consumed(subscription.queue(), ConsumeOutcome.ACK, since(start));
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    if (stopping || Unavailability.isCause(failure)) {
                        span.addEvent("event.requeued");
                        span.end();
                        return requeue(message, subscription, start, failure);
                    }
                    LOG.errorf(failure, "Event %s on %s failed after %d retries, sent to %s", event.eventId(),
                            subscription.queue(), config.retries(), subscription.deadLetterQueue());
                    ConsumerSpans.fail(span, failure);
                    metrics.consumed(subscription.queue(), ConsumeOutcome.DEAD_LETTER, since(start));
                    return Uni.createFrom().completionStage(message.nack(failure));
                })
                .onTermination().invoke(this::finished);
    }

    /** Stops taking new messages: each one delivered from now on goes back to its queue untouched. */
    void stop() {
        stopping = true;
    }

    /** Waits until no message is being handled, at most {@code timeout}; false when some still were. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    int inFlight() {
        return inFlight.get();
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private boolean worthWaitingFor(Throwable failure) {
        return !stopping && Unavailability.isCause(failure);
    }

    private boolean worthRetrying(Throwable failure) {
        return !stopping && !(failure instanceof PoisonMessageException) && !Unavailability.isCause(failure);
    }

    private void waiting(DomainEvent event, Subscription subscription, Throwable failure, AtomicInteger waits) {
        metrics.retried(subscription.queue());
        if (waits.incrementAndGet() == 1) {
            LOG.warnf("Event %s on %s waits for a dependency that is down (retried for up to %s): %s",
                    event.eventId(), subscription.queue(), config.unavailableRetryFor(), failure.toString());
        } else {
            LOG.debugf("Event %s on %s still waiting (attempt %d): %s", event.eventId(), subscription.queue(),
                    waits.get(), failure.toString());
        }
    }

    /** Back to the queue for a later delivery: the work was not done, and nothing is wrong with the message. */
    private Uni<Void> requeue(Message<?> message, Subscription subscription, long start, Throwable reason) {
        LOG.warnf("Message on %s put back on its queue: %s", subscription.queue(), reason.toString());
        metrics.consumed(subscription.queue(), ConsumeOutcome.RETRY, since(start));
        return Uni.createFrom().completionStage(message.nack(reason, Metadata.of(new RabbitMQRejectMetadata(true))));
    }

    private Uni<Void> handleOnce(Context trace, DomainEvent event, Subscription subscription, EventHandler handler) {
        return outbox.inTransaction(trace, tx -> tx
                .preparedQuery("INSERT INTO inbox (event_id, subscription) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(event.eventId(), subscription.queue()))
                .chain(inserted -> {
                    if (inserted.rowCount() == 0) {
                        LOG.debugf("Event %s already handled on %s, acknowledged without effect", event.eventId(),
                                subscription.queue());
                        Span.fromContext(trace).addEvent("event.duplicate.ignored");
                        return Uni.createFrom().voidItem();
                    }
                    return handler.handle(tx, event);
                }));
    }

    private void recordQueueTime(Optional<IncomingRabbitMQMetadata> metadata, Subscription subscription) {
        metadata.map(m -> m.getHeaders().get(MessageHeaders.PUBLISHED_AT_MICROS))
                .filter(Number.class::isInstance)
                .map(Number.class::cast)
                .ifPresent(publishedAt -> metrics.queued(subscription.queue(), Duration.of(
                        ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - publishedAt.longValue(),
                        ChronoUnit.MICROS)));
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private DomainEvent decode(Message<?> message, Optional<IncomingRabbitMQMetadata> metadata,
            Subscription subscription) {
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
