package dev.obsaga.orders.saga;

import java.util.Optional;

/**
 * The order saga's state machine. PENDING is the only state that moves; a final state never changes again,
 * so a late or repeated payment result cannot turn CONFIRMED back into anything else.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED;

    public boolean isFinal() {
        return this != PENDING;
    }

    /** The state a payment result leads to, or empty when this state does not move on it. */
    public Optional<OrderStatus> onPayment(PaymentOutcome outcome) {
        if (isFinal()) {
            return Optional.empty();
        }
        return Optional.of(outcome == PaymentOutcome.SUCCEEDED ? CONFIRMED : REJECTED);
    }

    public enum PaymentOutcome {
        SUCCEEDED, FAILED
    }
}
