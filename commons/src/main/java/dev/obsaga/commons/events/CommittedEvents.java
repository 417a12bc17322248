package dev.obsaga.commons.events;

import java.util.List;

import dev.obsaga.contracts.events.DomainEvent;

/**
 * Fired (synchronously, as a CDI event) after a transaction that wrote events committed: the business facts
 * of the service, observed by the business metrics so no handler has to count anything itself.
 */
public record CommittedEvents(List<DomainEvent> events) {
}
