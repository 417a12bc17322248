package dev.obsaga.commons.inbox;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.obsaga.contracts.topology.Subscription;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** One message as the consumer pipeline carries it: where it came from, its process span, when it started. */
record Delivery(Message<?> message, Subscription subscription, Span span, Context trace, long startNanos) {
}
