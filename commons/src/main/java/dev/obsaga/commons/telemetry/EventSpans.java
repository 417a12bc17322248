package dev.obsaga.commons.telemetry;

import java.math.BigDecimal;
import java.util.UUID;

import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * The business identifiers a span carries, taken from the event it handles or emits — never a card number or an
 * e-mail address, which no event holds. They are ours, not the semantic conventions', so they live under one
 * prefix ({@value #PREFIX}) that no convention will ever claim.
 */
public final class EventSpans {

    public static final String PREFIX = "obsaga.";

    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey(PREFIX + "order.id");
    public static final AttributeKey<String> CUSTOMER_ID = AttributeKey.stringKey(PREFIX + "customer.id");
    public static final AttributeKey<String> PAYMENT_ID = AttributeKey.stringKey(PREFIX + "payment.id");
    public static final AttributeKey<Double> AMOUNT = AttributeKey.doubleKey(PREFIX + "payment.amount");
    public static final AttributeKey<String> CURRENCY = AttributeKey.stringKey(PREFIX + "payment.currency");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey(PREFIX + "event.id");

    private EventSpans() {
    }

    public static void annotate(Span span, DomainEvent event) {
        if (!span.getSpanContext().isValid()) {
            return;
        }
        event.accept(new DomainEvent.Visitor<Void>() {
            @Override
            public Void customerRegistered(CustomerRegistered e) {
                id(span, CUSTOMER_ID, e.customerId());
                return null;
            }

            @Override
            public Void orderCreated(OrderCreated e) {
                order(span, e.orderId(), e.customerId(), e.total(), e.currency());
                return null;
            }

            @Override
            public Void paymentSucceeded(PaymentSucceeded e) {
                id(span, PAYMENT_ID, e.paymentId());
                order(span, e.orderId(), null, e.amount(), e.currency());
                return null;
            }

            @Override
            public Void paymentFailed(PaymentFailed e) {
                id(span, PAYMENT_ID, e.paymentId());
                order(span, e.orderId(), null, e.amount(), e.currency());
                return null;
            }

            @Override
            public Void orderConfirmed(OrderConfirmed e) {
                order(span, e.orderId(), e.customerId(), e.total(), e.currency());
                return null;
            }

            @Override
            public Void orderRejected(OrderRejected e) {
                order(span, e.orderId(), e.customerId(), e.total(), e.currency());
                return null;
            }
        });
    }

    private static void order(Span span, UUID orderId, UUID customerId, BigDecimal amount, String currency) {
        id(span, ORDER_ID, orderId);
        id(span, CUSTOMER_ID, customerId);
        if (amount != null) {
            span.setAttribute(AMOUNT, amount.doubleValue());
        }
        if (currency != null) {
            span.setAttribute(CURRENCY, currency);
        }
    }

    private static void id(Span span, AttributeKey<String> key, UUID id) {
        if (id != null) {
            span.setAttribute(key, id.toString());
        }
    }
}
