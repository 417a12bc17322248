package dev.obsaga.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The connector's outgoing attributes are resolved once, with profiles and expressions; other names every time. */
class ConnectorConfigCacheTests {

    /** A source that counts how often each name is asked for. */
    static final class CountingSource implements ConfigSource {
        final Map<String, String> values;
        final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

        CountingSource(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String name) {
            asked.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return values.get(name);
        }

        @Override
        public String getName() {
            return "counting";
        }

        int asked(String name) {
            AtomicInteger n = asked.get(name);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void outgoingAttributesAreLookedUpOnceAndKeepTheirProfileAndExpression() {
        CountingSource source = new CountingSource(Map.of(
                "mp.messaging.outgoing.outbox.retry-on-fail-attempts", "0",
                "%prod.mp.messaging.outgoing.outbox.default-routing-key", "${routing}",
                "routing", "orders.#",
                "obsaga.other", "x"));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod").withSources(source)
                .withInterceptors(new ConnectorConfigCache()).build();

        for (int i = 0; i < 5; i++) {
            assertEquals("0", config.getRawValue("mp.messaging.outgoing.outbox.retry-on-fail-attempts"));
            assertEquals("orders.#", config.getRawValue("mp.messaging.outgoing.outbox.default-routing-key"));
            assertTrue(config.getOptionalValue("mp.messaging.outgoing.outbox.retry-on-fail-interval", Integer.class)
                    .isEmpty(), "a name no source holds stays absent");
            assertEquals("x", config.getRawValue("obsaga.other"));
        }
        assertEquals(1, source.asked("mp.messaging.outgoing.outbox.retry-on-fail-attempts"));
        assertEquals(1, source.asked("mp.messaging.outgoing.outbox.retry-on-fail-interval"));
        assertEquals(1, source.asked("%prod.mp.messaging.outgoing.outbox.default-routing-key"));
        assertEquals(5, source.asked("obsaga.other"), "names outside the connector's are not kept");
    }
}
