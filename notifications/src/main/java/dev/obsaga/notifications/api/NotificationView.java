package dev.obsaga.notifications.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public record NotificationView(UUID id, UUID eventId, @Schema(example = "ORDER_CONFIRMED") String type,
        UUID customerId, @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId,
        @Schema(description = "the e-mail address it went to, masked", example = "a***@example.org") String recipient,
        String subject, Instant createdAt) {
}
