package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class BenchMainTests {

    private static BenchSettings parse(String... args) {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs(args);
        return main.settings();
    }

    @Test
    void theDefaultsAreTheFullRunWithTheServicesJvmOptionsFile() {
        BenchSettings s = parse();
        assertFalse(s.quick());
        assertTrue(s.jvmOptions().contains("-XX:+UseSerialGC"), s.jvmOptions().toString());
        assertEquals(100, s.rate());
        assertEquals(new SettledCriterion(10, 0.02, 300), s.settle());
        assertEquals(3, s.repeats());
        assertEquals(400, s.portOffset());
    }

    @Test
    void quickShortensTheWindowsAndExplicitValuesWin() {
        BenchSettings s = parse("--quick", "--settle-cap", "42", "--jvm-options", "-Xmx128m -XX:AOTCache=a/{service}.aot");
        assertTrue(s.quick());
        assertEquals(new SettledCriterion(5, 0.02, 42), s.settle());
        assertEquals(10, s.measureSeconds());
        assertEquals(List.of("-Xmx128m", "-XX:AOTCache=a/orders.aot"),
                ServiceSet.jvmOptions(s, List.of(), "orders"));
    }

    @Test
    void anUnknownPhaseToSkipIsRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--skip", "search,warmup"));
        assertEquals(java.util.Set.of("search", "telemetry"), parse("--skip", "search,telemetry").skip());
    }

    @Test
    void telemetryOffSwitchesOffEverySignalTheServicesHave() {
        var off = ServiceSet.environment(parse(), false, 20);
        assertEquals("true", off.get("OTEL_SDK_DISABLED"));
        assertEquals("false", off.get("OBSAGA_METRICS_CUSTOM_ENABLED"));
        assertEquals("false", off.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertEquals(List.of("-Dmp.messaging.incoming.orders-payment-results.tracing.enabled=false",
                "-Dmp.messaging.outgoing.outbox.tracing.enabled=false"), ServiceSet.connectorTracingOff("orders"));
        assertEquals(2, ServiceSet.connectorTracingOff("notifications").size());
        var on = ServiceSet.environment(parse(), true, 20);
        assertFalse(on.containsKey("OTEL_SDK_DISABLED"));
        assertEquals("obsaga-bench", on.get("RABBITMQ_VHOST"));
        assertEquals("http://127.0.0.1:4718", on.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }
}
