package dev.obsaga.commons.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Says at start-up, loudly when it is off, whether the APIs check tokens; and keeps saying it as a gauge. */
@ApplicationScoped
public class AuthStatus {

    private static final Logger LOG = Logger.getLogger(AuthStatus.class);

    private final boolean enabled;
    private final MeterRegistry registry;

    public AuthStatus(AuthConfig config, MeterRegistry registry) {
        this.enabled = config.enabled();
        this.registry = registry;
    }

    void announce(@Observes StartupEvent started) {
        Gauge.builder(MetricNames.AUTH_ENABLED, () -> enabled ? 1 : 0)
                .description("1 while the APIs require a valid bearer token, 0 when OBSAGA_AUTH_ENABLED=false")
                .register(registry);
        if (enabled) {
            LOG.info("API authentication is on: every API call needs a bearer token");
        } else {
            LOG.warn("API AUTHENTICATION IS OFF (OBSAGA_AUTH_ENABLED=false): anyone who reaches the HTTP port may "
                    + "read and change every customer's data. For experiments only.");
        }
    }
}
