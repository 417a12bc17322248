package dev.obsaga.payments.client;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.time.Delays;
import dev.obsaga.contracts.events.CardReference;
import io.smallrye.mutiny.Uni;

/**
 * A simulated payment provider. Charges are keyed by order id (the provider's idempotency key), so asking
 * twice for the same order answers the same decision, as a real provider's idempotent API does.
 */
@ApplicationScoped
public class PaymentGateway implements PaymentProvider {

    private final GatewayConfig config;
    private final Delays delays;
    private final Map<String, String> declines;

    public PaymentGateway(GatewayConfig config, Delays delays) {
        this.config = config;
        this.delays = delays;
        this.declines = config.declines().stream()
                .map(entry -> entry.split(":", 2))
                .collect(Collectors.toUnmodifiableMap(pair -> pair[0].strip(), pair -> pair[1].strip()));
    }

    @Override
    public Uni<ChargeResult> charge(UUID idempotencyKey, BigDecimal amount, String currency, CardReference card) {
        String decline = declines.get(card.last4());
        ChargeResult result = decline == null ? ChargeResult.approve() : ChargeResult.decline(decline);
        // "The provider" thinks on a Vert.x timer: nothing blocks meanwhile.
        return delays.of(config.latency()).replaceWith(result);
    }
}
