package dev.obsaga.payments.gateway;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.faults.Faults;
import dev.obsaga.contracts.events.CardReference;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A simulated payment provider. Charges are keyed by order id (the provider's idempotency key), so asking
 * twice for the same order answers the same decision, as a real provider's idempotent API does.
 */
// Eager: its fault knobs must be listed on /faults before the first call.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class PaymentGateway {

    public static final String ERRORS = "gateway-errors";
    public static final String LATENCY = "gateway-latency";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final Faults faults;
    private final Map<String, String> declines;

    public PaymentGateway(GatewayConfig config, Vertx vertx, Faults faults) {
        this.config = config;
        this.vertx = vertx;
        this.faults = faults;
        faults.register(ERRORS, "The share 'rate' of charges fail as if the provider were down");
        faults.register(LATENCY, "Adds 'latencyMs' to every charge");
        this.declines = config.declines().stream()
                .map(entry -> entry.split(":", 2))
                .collect(Collectors.toUnmodifiableMap(pair -> pair[0].strip(), pair -> pair[1].strip()));
    }

    public Uni<ChargeResult> charge(UUID idempotencyKey, BigDecimal amount, String currency, CardReference card) {
        String decline = declines.get(card.last4());
        ChargeResult result = decline == null ? ChargeResult.approve() : ChargeResult.decline(decline);
        if (faults.shouldFail(ERRORS)) {
            return Uni.createFrom().failure(new GatewayUnavailableException());
        }
        java.time.Duration latency = config.latency().plus(faults.addedLatency(LATENCY));
        if (latency.isZero()) {
            return Uni.createFrom().item(result);
        }
        // A Vert.x timer: nothing blocks while "the provider" thinks, and the answer comes back on the caller's
        // event loop and context (Mutiny's own delay would resume on a worker thread, outside the trace).
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(latency.toMillis(), id -> emitter.complete(result)));
    }

    /** The provider did not answer: worth retrying, unlike a decline. */
    public static class GatewayUnavailableException extends RuntimeException {
        GatewayUnavailableException() {
            super("payment provider unavailable", null, false, false);
        }
    }

    public record ChargeResult(boolean approved, String declineCode) {
        static ChargeResult approve() {
            return new ChargeResult(true, null);
        }

        public static ChargeResult decline(String code) {
            return new ChargeResult(false, code);
        }
    }
}
