package dev.obsaga.commons.outbox;

import java.util.UUID;

/** One outbox row: what the relay publishes, whether it read the row back or got it from the commit. */
record OutboxRow(UUID id, String routingKey, String payload, String traceparent) {
}
