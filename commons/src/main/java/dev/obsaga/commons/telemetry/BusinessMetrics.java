package dev.obsaga.commons.telemetry;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.obsaga.commons.events.CommittedEvents;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.contracts.events.DomainEvent;
import dev.obsaga.contracts.events.OrderConfirmed;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.contracts.events.OrderRejected;
import dev.obsaga.contracts.events.PaymentFailed;
import dev.obsaga.contracts.events.PaymentSucceeded;
import dev.obsaga.contracts.telemetry.MetricNames;
import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.contracts.topology.EventRoute;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Business metrics derived from the events a service commits — the facts it announces — so they count exactly
 * what happened (a rolled-back transaction counts nothing) and no handler carries a counter.
 */
// Eager: the series must exist at zero from start-up, before the first event.
@io.quarkus.runtime.Startup
@ApplicationScoped
public class BusinessMetrics {

    private static final java.util.List<String> CURRENCIES = java.util.List.of("EUR", "USD", "GBP", "CHF");

    private final MeterRegistry registry;

    public BusinessMetrics(MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.registry = registry;
        preRegister(service);
    }

    void onCommitted(@Observes CommittedEvents committed) {
        committed.events().forEach(this::count);
    }

    private void count(DomainEvent event) {
        if (event instanceof CustomerRegistered) {
            registered().increment();
        } else if (event instanceof OrderCreated) {
            placed().increment();
        } else if (event instanceof OrderConfirmed confirmed) {
            completed("CONFIRMED").increment();
            sagaDuration().record(between(confirmed.placedAt(), confirmed.occurredAt()));
        } else if (event instanceof OrderRejected rejected) {
            completed("REJECTED").increment();
            sagaDuration().record(between(rejected.placedAt(), rejected.occurredAt()));
        } else if (event instanceof PaymentSucceeded succeeded) {
            payments("succeeded").increment();
            amount(succeeded.currency()).increment(succeeded.amount().doubleValue());
        } else if (event instanceof PaymentFailed) {
            payments("failed").increment();
        }
    }

    /** The series of the events this service publishes exist from start-up, at zero. */
    private void preRegister(String service) {
        Exchange.ownedBy(service).ifPresent(exchange -> {
            for (EventRoute route : EventRoute.values()) {
                if (route.exchange() != exchange) {
                    continue;
                }
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
        });
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
