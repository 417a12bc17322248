package dev.obsaga.notifications.faults;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import dev.obsaga.commons.faults.FaultKind;
import dev.obsaga.commons.faults.Faults;
import dev.obsaga.notifications.sending.NotificationType;
import dev.obsaga.notifications.sending.Notifier;
import io.smallrye.mutiny.Uni;

/**
 * The {@code processing-errors} knob: sending fails, so the event is retried and then dead-lettered. Inside the
 * metering decorator, so an injected failure counts as a failed delivery.
 */
@Decorator
@Priority(20)
public class FaultyNotifier implements Notifier {

    private final Notifier delegate;
    private final Faults faults;

    @Inject
    public FaultyNotifier(@Delegate Notifier delegate, Faults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public Uni<Void> send(NotificationType type, String email, String subject, String body) {
        if (faults.shouldFail(FaultKind.PROCESSING_ERRORS)) {
            return Uni.createFrom().failure(new IllegalStateException("injected processing fault"));
        }
        return delegate.send(type, email, subject, body);
    }
}
