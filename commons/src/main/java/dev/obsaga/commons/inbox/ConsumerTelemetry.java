package dev.obsaga.commons.inbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.commons.telemetry.ConsumerSpans;
import dev.obsaga.commons.telemetry.EventSpans;
import dev.obsaga.commons.telemetry.MessagingMetrics;
import dev.obsaga.commons.telemetry.MessagingMetrics.ConsumeOutcome;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.telemetry.MessageHeaders;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.Subscription;
import dev.obsaga.contracts.topology.ServiceTopology;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * The one place where consuming is observed, around the pipeline rather than inside handlers: a "process" span
 * (child of the connector's receive span, so one order stays one trace), time in queue, processing time and the
 * outcome of every delivery.
 */
@ApplicationScoped
public class ConsumerTelemetry {

    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("event.type");

    private final MessagingMetrics metrics;
    private final Tracer tracer;

    public ConsumerTelemetry(MessagingMetrics metrics, Tracer tracer, ServiceTopology topology) {
        this.metrics = metrics;
        this.tracer = tracer;
        topology.subscriptions().forEach(subscription -> metrics.preRegisterConsumer(subscription.queue()));
    }

    Delivery received(Message<?> message, Subscription subscription) {
        long start = System.nanoTime();
        recordQueueTime(message, subscription);
        Span span = ConsumerSpans.start(tracer, Context.current(), subscription,
                message.getMetadata(IncomingRabbitMQMetadata.class).orElse(null));
        return new Delivery(message, subscription, span, Context.current().with(span), start);
    }

    void decoded(Delivery delivery, DomainEvent event) {
        EventSpans.annotate(delivery.span(), event);
        delivery.span().setAttribute(EventSpans.EVENT_ID, event.eventId().toString());
        delivery.span().addEvent("event.handling.started", Attributes.of(EVENT_TYPE, EventRoute.of(event).routingKey()));
    }

    void duplicate(Delivery delivery) {
        delivery.span().addEvent("event.duplicate.ignored");
    }

    void retried(Delivery delivery) {
        metrics.retried(delivery.subscription().queue());
    }

    void acknowledged(Delivery delivery) {
        delivery.span().addEvent("event.handling.completed");
        finish(delivery, ConsumeOutcome.ACK);
    }

    void requeued(Delivery delivery, String why) {
        delivery.span().addEvent(why);
        finish(delivery, ConsumeOutcome.RETRY);
    }

    void deadLettered(Delivery delivery, Throwable failure) {
        ConsumerSpans.fail(delivery.span(), failure);
        count(delivery, ConsumeOutcome.DEAD_LETTER);
    }

    private void finish(Delivery delivery, ConsumeOutcome outcome) {
        delivery.span().end();
        count(delivery, outcome);
    }

    private void count(Delivery delivery, ConsumeOutcome outcome) {
        metrics.consumed(delivery.subscription().queue(), outcome,
                Duration.ofNanos(System.nanoTime() - delivery.startNanos()));
    }

    private void recordQueueTime(Message<?> message, Subscription subscription) {
        message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(m -> m.getHeaders().get(MessageHeaders.PUBLISHED_AT_MICROS))
                .filter(Number.class::isInstance)
                .map(Number.class::cast)
                .ifPresent(publishedAt -> metrics.queued(subscription.queue(), Duration.of(
                        ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - publishedAt.longValue(),
                        ChronoUnit.MICROS)));
    }
}
