package dev.obsaga.notifications.sending;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/** Counts every delivery attempt of whichever Notifier is in use, by type and outcome. */
@Decorator
@Priority(10)
public class MeteredNotifier implements Notifier {

    private final Notifier delegate;
    private final MeterRegistry registry;

    @Inject
    public MeteredNotifier(@Delegate Notifier delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (NotificationType type : NotificationType.values()) {
            counter(type, "sent");
            counter(type, "failed");
        }
    }

    @Override
    public Uni<Void> send(NotificationType type, String email, String subject, String body) {
        return delegate.send(type, email, subject, body)
                .onItemOrFailure().invoke((ok, failure) -> counter(type, failure == null ? "sent" : "failed").increment());
    }

    private Counter counter(NotificationType type, String outcome) {
        return Counter.builder(MetricNames.NOTIFICATIONS_SENT).description("Notifications delivered, by type and outcome")
                .tag("type", type.name()).tag("outcome", outcome).register(registry);
    }
}
