package dev.obsaga.commons.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;

class MetricsConfigurationTests {

    @Test
    void everyMeterGetsTheServiceLabel() {
        Meter.Id id = new Meter.Id("orders.placed", Tags.empty(), null, null, Meter.Type.COUNTER);
        assertEquals("orders", MetricsConfiguration.withServiceLabel(id, "orders").getTag("service"));
    }

    @Test
    void grpcKeepsItsServiceNameAsGrpcService() {
        Meter.Id id = new Meter.Id("grpc.client.processing.duration",
                Tags.of("service", "obsaga.customers.v1.Customers", "method", "GetCustomer"), null, null,
                Meter.Type.TIMER);
        Meter.Id mapped = MetricsConfiguration.withServiceLabel(id, "orders");
        assertEquals("orders", mapped.getTag("service"));
        assertEquals("obsaga.customers.v1.Customers", mapped.getTag("grpc_service"));
        assertEquals("GetCustomer", mapped.getTag("method"));
        Meter.Id twice = MetricsConfiguration.withServiceLabel(mapped, "orders");
        assertEquals("obsaga.customers.v1.Customers", twice.getTag("grpc_service"), "applied per registry: idempotent");
        assertEquals("orders", twice.getTag("service"));
    }

    @Test
    void theSwitchTurnsOffOurMetersOnly() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        registry.config().meterFilter(new MetricsConfiguration().customMetricsSwitch(false));
        registry.counter("orders.placed").increment();
        registry.timer(MetricNames.PROCESS_DURATION).record(Duration.ofMillis(3));
        registry.counter("http.server.requests.count").increment();
        assertNull(registry.find("orders.placed").counter(), "ours: denied");
        assertNull(registry.find(MetricNames.PROCESS_DURATION).timer(), "ours: denied");
        assertEquals(1.0, registry.find("http.server.requests.count").counter().count(), "the framework's: kept");

        io.micrometer.core.instrument.simple.SimpleMeterRegistry on =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        on.config().meterFilter(new MetricsConfiguration().customMetricsSwitch(true));
        on.counter("orders.placed").increment();
        assertEquals(1.0, on.find("orders.placed").counter().count(), "on by default");
    }

    @Test
    void bucketsFollowTheSlos() {
        Duration[] http = MetricsConfiguration.bucketsFor("http.server.requests");
        assertEquals(true, java.util.Arrays.asList(http).contains(Duration.ofMillis(300)));
        assertEquals(MetricsConfiguration.MESSAGING_BUCKETS, MetricsConfiguration.bucketsFor(MetricNames.QUEUE_TIME));
        assertEquals(MetricsConfiguration.SAGA_BUCKETS, MetricsConfiguration.bucketsFor("order.saga.duration"));
        assertNull(MetricsConfiguration.bucketsFor("jvm.memory.used"));
    }
}
