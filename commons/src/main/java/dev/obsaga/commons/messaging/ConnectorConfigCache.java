package dev.obsaga.commons.messaging;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Keeps the answers to the RabbitMQ connector's configuration look-ups of outgoing channels. The connector reads
 * three attributes of the channel (retry interval and attempts, default routing key) for every message it sends,
 * and SmallRye Config hashes property names by their brackets only, so a name that no source holds is compared
 * with every default value of every extension: the more extensions, the dearer each message. Runtime
 * configuration does not change once the service runs, so each name is resolved once, through the whole chain of
 * sources and interceptors below this one (profiles, expressions, relocations) as before.
 */
@Priority(Priorities.APPLICATION + 1000)
public class ConnectorConfigCache implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    static final String OUTGOING = "mp.messaging.outgoing.";
    static final String CONNECTOR = "mp.messaging.connector.";

    private final ConcurrentHashMap<String, Optional<ConfigValue>> answers = new ConcurrentHashMap<>();

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!name.startsWith(OUTGOING) && !name.startsWith(CONNECTOR)) {
            return context.proceed(name);
        }
        Optional<ConfigValue> known = answers.get(name);
        if (known == null) {
            // not computeIfAbsent: resolving one name may look up others (expressions) through this interceptor
            known = Optional.ofNullable(context.proceed(name));
            answers.putIfAbsent(name, known);
        }
        return known.orElse(null);
    }
}
