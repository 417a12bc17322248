package dev.obsaga.notifications.sending;

import java.time.Instant;
import java.util.UUID;

/** {@code recipient} is stored masked: the address itself stays with customers, the one owner of it. */
public record Notification(UUID id, UUID eventId, NotificationType type, UUID customerId, UUID orderId,
        String recipient, String subject, Instant createdAt) {
}
