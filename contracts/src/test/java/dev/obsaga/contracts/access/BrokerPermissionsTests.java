package dev.obsaga.contracts.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.contracts.topology.Subscription;

/** The permissions follow from the topology: exactly the resources a service declares, publishes to or reads. */
class BrokerPermissionsTests {

    @Test
    void paymentsMayPublishOnlyToItsExchangeAndReadOnlyItsQueue() {
        BrokerPermissions payments = BrokerPermissions.of("payments");
        assertEquals("^(payments|payments\\.order-created|payments\\.order-created\\.dlq|obsaga\\.dlx)$", payments.write());
        assertTrue(matches(payments.write(), "payments"));
        assertFalse(matches(payments.write(), "orders"));
        // RabbitMQ checks write on the dead-letter exchange when a queue naming it is declared.
        assertTrue(matches(payments.write(), Subscription.DEAD_LETTER_EXCHANGE), "consumers declare queues with a DLX");
        assertFalse(matches(BrokerPermissions.of("customers").write(), Subscription.DEAD_LETTER_EXCHANGE),
                "customers consumes nothing: no dead-letter exchange");
        assertTrue(matches(payments.read(), "payments.order-created"));
        assertFalse(matches(payments.read(), "orders.payment-results"));
        assertTrue(matches(payments.read(), "orders"), "binding from the orders exchange needs read on it");
        assertFalse(matches(payments.configure(), "payments.extra"));
        assertFalse(matches(payments.configure(), "payments.order-createdX"), "anchored");
        assertFalse(matches(payments.configure(), "paymentsXorder-created"), "dots are literal");
    }

    @Test
    void everyServiceMayUseWhatItDeclaresAndNoOtherServicesQueues() {
        for (String service : ServiceNames.ALL) {
            BrokerPermissions p = BrokerPermissions.of(service);
            for (Subscription s : Subscription.values()) {
                boolean own = s.consumer().equals(service);
                for (String queue : List.of(s.queue(), s.deadLetterQueue())) {
                    assertEquals(own, matches(p.configure(), queue), service + " configure " + queue);
                    assertEquals(own, matches(p.write(), queue), service + " write " + queue);
                    assertEquals(own, matches(p.read(), queue), service + " read " + queue);
                }
            }
            for (Exchange e : Exchange.values()) {
                assertEquals(Exchange.ownedBy(service).equals(Optional.of(e)), matches(p.write(), e.exchangeName()), service + " write " + e);
            }
        }
        assertEquals(BrokerPermissions.NOTHING, BrokerPermissions.of("customers").read(), "customers consumes nothing");
    }

    private static boolean matches(String regex, String name) {
        return Pattern.compile(regex).matcher(name).matches();
    }
}
