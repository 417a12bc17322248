package dev.obsaga.payments.client;

import java.math.BigDecimal;
import java.util.UUID;

import dev.obsaga.contracts.events.CardReference;
import io.smallrye.mutiny.Uni;

/**
 * Charges a card. Asking twice with the same idempotency key answers the same decision, as a real provider's
 * idempotent API does; {@link GatewayUnavailableException} when the provider did not answer.
 */
public interface PaymentProvider {

    Uni<ChargeResult> charge(UUID idempotencyKey, BigDecimal amount, String currency, CardReference card);

    /** The provider did not answer: worth retrying, unlike a decline. */
    class GatewayUnavailableException extends RuntimeException {
        public GatewayUnavailableException() {
            super("payment provider unavailable", null, false, false);
        }
    }

    record ChargeResult(boolean approved, String declineCode) {
        static ChargeResult approve() {
            return new ChargeResult(true, null);
        }

        public static ChargeResult decline(String code) {
            return new ChargeResult(false, code);
        }
    }
}
