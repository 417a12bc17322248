package dev.obsaga.commons.telemetry;

import static io.opentelemetry.semconv.ErrorAttributes.ERROR_TYPE;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_CONSUMER_GROUP_NAME;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_DESTINATION_NAME;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_MESSAGE_ID;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_OPERATION_NAME;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_RABBITMQ_DESTINATION_ROUTING_KEY;
import static io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MESSAGING_SYSTEM;

import dev.obsaga.contracts.topology.Subscription;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingSystemIncubatingValues;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * The inbox's "process" span, named and attributed per the OpenTelemetry messaging semantic conventions of the
 * version our SDK ships (semconv 1.37, the constants below are that artifact's): for RabbitMQ the destination is
 * the exchange, the routing key has its own attribute and the queue is the consumer group. The span is a CONSUMER
 * child of the connector's receive span, so one order stays one trace.
 */
public final class ConsumerSpans {

    static final String OPERATION = "process";

    private ConsumerSpans() {
    }

    /** Span name {@code process <exchange>}: operation name and destination, both low-cardinality. */
    public static Span start(Tracer tracer, Context parent, Subscription subscription,
            IncomingRabbitMQMetadata metadata) {
        String exchange = metadata != null && metadata.getExchange() != null && !metadata.getExchange().isEmpty()
                ? metadata.getExchange() : subscription.exchange().exchangeName();
        SpanBuilder builder = tracer.spanBuilder(OPERATION + " " + exchange)
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, MessagingSystemIncubatingValues.RABBITMQ)
                .setAttribute(MESSAGING_OPERATION_TYPE, MessagingOperationTypeIncubatingValues.PROCESS)
                .setAttribute(MESSAGING_OPERATION_NAME, OPERATION)
                .setAttribute(MESSAGING_DESTINATION_NAME, exchange)
                .setAttribute(MESSAGING_CONSUMER_GROUP_NAME, subscription.queue());
        if (metadata != null) {
            if (metadata.getRoutingKey() != null) {
                builder.setAttribute(MESSAGING_RABBITMQ_DESTINATION_ROUTING_KEY, metadata.getRoutingKey());
            }
            metadata.getMessageId().ifPresent(id -> builder.setAttribute(MESSAGING_MESSAGE_ID, id));
        }
        return builder.startSpan();
    }

    /**
     * Marks the span failed and ends it: status ERROR, the exception as an event, and {@code error.type} — the
     * exception's class name, as the convention asks when there is no better low-cardinality code.
     */
    public static void fail(Span span, Throwable failure) {
        span.recordException(failure);
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage());
        span.addEvent("event.handling.failed");
        span.end();
    }
}
