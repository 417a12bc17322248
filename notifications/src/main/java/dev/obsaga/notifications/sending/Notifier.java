package dev.obsaga.notifications.sending;

import io.smallrye.mutiny.Uni;

/** Delivers a message to a customer. The default writes a log line; a mail or SMS provider plugs in here. */
public interface Notifier {
    Uni<Void> send(NotificationType type, String email, String subject, String body);
}
