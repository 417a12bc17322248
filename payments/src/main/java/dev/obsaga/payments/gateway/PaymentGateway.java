package dev.obsaga.payments.gateway;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.contracts.events.CardReference;
import io.smallrye.mutiny.Uni;

/**
 * A simulated payment provider. Charges are keyed by order id (the provider's idempotency key), so asking
 * twice for the same order answers the same decision, as a real provider's idempotent API does.
 */
@ApplicationScoped
public class PaymentGateway {

    private final GatewayConfig config;
    private final Map<String, String> declines;

    public PaymentGateway(GatewayConfig config) {
        this.config = config;
        this.declines = config.declines().stream()
                .map(entry -> entry.split(":", 2))
                .collect(Collectors.toUnmodifiableMap(pair -> pair[0].strip(), pair -> pair[1].strip()));
    }

    public Uni<ChargeResult> charge(UUID idempotencyKey, BigDecimal amount, String currency, CardReference card) {
        String decline = declines.get(card.last4());
        ChargeResult result = decline == null ? ChargeResult.approve() : ChargeResult.decline(decline);
        Uni<ChargeResult> answer = Uni.createFrom().item(result);
        // Mutiny's delay runs on a timer, not on the calling thread: nothing blocks while "the provider" thinks.
        return config.latency().isZero() ? answer : answer.onItem().delayIt().by(config.latency());
    }

    public record ChargeResult(boolean approved, String declineCode) {
        static ChargeResult approve() {
            return new ChargeResult(true, null);
        }

        static ChargeResult decline(String code) {
            return new ChargeResult(false, code);
        }
    }
}
