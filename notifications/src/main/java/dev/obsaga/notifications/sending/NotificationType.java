package dev.obsaga.notifications.sending;

/** Also the {@code type} label of the notification metrics: a closed set. */
public enum NotificationType {
    WELCOME, ORDER_CONFIRMED, ORDER_REJECTED
}
