package dev.obsaga.notifications.sending;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.redaction.Redactor;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@DefaultBean
public class LogNotifier implements Notifier {

    private static final Logger LOG = Logger.getLogger(LogNotifier.class);

    @Override
    public Uni<Void> send(NotificationType type, String email, String subject, String body) {
        LOG.infof("%s notification to %s: %s", type, Redactor.maskEmail(email), subject);
        return Uni.createFrom().voidItem();
    }
}
