package dev.obsaga.orders.saga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.obsaga.orders.saga.OrderStatus.PaymentOutcome;

class OrderStatusTests {

    @Test
    void aPendingOrderIsConfirmedByASuccessfulPayment() {
        assertEquals(Optional.of(OrderStatus.CONFIRMED), OrderStatus.PENDING.onPayment(PaymentOutcome.SUCCEEDED));
    }

    @Test
    void aPendingOrderIsRejectedByAFailedPayment() {
        assertEquals(Optional.of(OrderStatus.REJECTED), OrderStatus.PENDING.onPayment(PaymentOutcome.FAILED));
    }

    @Test
    void finalStatesNeverMoveAgain() {
        for (OrderStatus finalState : new OrderStatus[] { OrderStatus.CONFIRMED, OrderStatus.REJECTED }) {
            assertTrue(finalState.isFinal());
            for (PaymentOutcome outcome : PaymentOutcome.values()) {
                assertEquals(Optional.empty(), finalState.onPayment(outcome), finalState + " on " + outcome);
            }
        }
        assertFalse(OrderStatus.PENDING.isFinal());
    }
}
