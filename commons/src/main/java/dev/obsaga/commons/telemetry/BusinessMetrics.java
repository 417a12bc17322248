package dev.obsaga.commons.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.obsaga.commons.events.CommittedEvents;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.contracts.topology.EventRoute;
import dev.obsaga.contracts.topology.ServiceTopology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Business metrics derived from the events a service commits — the facts it announces — so they count exactly
 * what happened (a rolled-back transaction counts nothing) and no handler carries a counter.
 */
// Eager: the series must exist at zero from start-up, before the first event.
@Startup
@ApplicationScoped
public class BusinessMetrics {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "CHF");

    private final MeterRegistry registry;

    public BusinessMetrics(MeterRegistry registry, ServiceTopology topology) {
        this.registry = registry;
        preRegister(topology);
    }

    void onCommitted(@Observes CommittedEvents committed) {
        committed.events().forEach(this::count);
    }

    private void count(DomainEvent event) {
        event.accept(counter).increment();
    }

    /** The counter each event adds to, recording the saga's duration and the amount on the way. */
    private final DomainEvent.Visitor<Counter> counter = new DomainEvent.Visitor<>() {
        @Override
        public Counter customerRegistered(CustomerRegistered event) {
            return registered();
        }

        @Override
        public Counter orderCreated(OrderCreated event) {
            return placed();
        }

        @Override
        public Counter paymentSucceeded(PaymentSucceeded event) {
            amount(event.currency()).increment(event.amount().doubleValue());
            return payments("succeeded");
        }

        @Override
        public Counter paymentFailed(PaymentFailed event) {
            return payments("failed");
        }

        @Override
        public Counter orderConfirmed(OrderConfirmed event) {
            sagaDuration().record(between(event.placedAt(), event.occurredAt()));
            return completed("CONFIRMED");
        }

        @Override
        public Counter orderRejected(OrderRejected event) {
            sagaDuration().record(between(event.placedAt(), event.occurredAt()));
            return completed("REJECTED");
        }
    };

    /** The series of the events this service publishes exist from start-up, at zero. */
    private void preRegister(ServiceTopology topology) {
        for (EventRoute route : topology.publishedRoutes()) {
            switch (route) {
                case CUSTOMER_REGISTERED -> registered();
                case ORDER_CREATED -> placed();
                case ORDER_CONFIRMED -> {
                    completed("CONFIRMED");
                    sagaDuration();
                }
                case ORDER_REJECTED -> completed("REJECTED");
                case PAYMENT_SUCCEEDED -> {
                    payments("succeeded");
                    CURRENCIES.forEach(this::amount);
                }
                case PAYMENT_FAILED -> payments("failed");
            }
        }
    }

    private Counter registered() {
        return Counter.builder(MetricNames.CUSTOMERS_REGISTERED).description("Customers registered")
                .register(registry);
    }

    private Counter placed() {
        return Counter.builder(MetricNames.ORDERS_PLACED).description("Orders accepted (202)").register(registry);
    }

    private Counter completed(String status) {
        return Counter.builder(MetricNames.ORDERS_COMPLETED).description("Orders that reached a final state")
                .tag("status", status).register(registry);
    }

    private Timer sagaDuration() {
        return Timer.builder(MetricNames.ORDER_SAGA_DURATION)
                .description("Time from accepting an order to its final state").register(registry);
    }

    private Counter payments(String outcome) {
        return Counter.builder(MetricNames.PAYMENTS).description("Payments by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private Counter amount(String currency) {
        return Counter.builder(MetricNames.PAYMENTS_AMOUNT).description("Amount successfully charged, by currency")
                .tag("currency", currency).register(registry);
    }

    private static Duration between(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return Duration.ZERO;
        }
        return Duration.between(from, to);
    }
}
