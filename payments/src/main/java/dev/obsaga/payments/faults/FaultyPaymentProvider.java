package dev.obsaga.payments.faults;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import dev.obsaga.commons.faults.FaultKind;
import dev.obsaga.commons.faults.Faults;
import dev.obsaga.contracts.events.CardReference;
import dev.obsaga.payments.client.PaymentProvider;
import io.smallrye.mutiny.Uni;

/** The {@code gateway-errors} and {@code gateway-latency} knobs, around the payment provider. */
@Decorator
@Priority(10)
public class FaultyPaymentProvider implements PaymentProvider {

    private final PaymentProvider delegate;
    private final Faults faults;

    @Inject
    public FaultyPaymentProvider(@Delegate PaymentProvider delegate, Faults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public Uni<ChargeResult> charge(UUID idempotencyKey, BigDecimal amount, String currency, CardReference card) {
        if (faults.shouldFail(FaultKind.GATEWAY_ERRORS)) {
            return Uni.createFrom().failure(new GatewayUnavailableException());
        }
        return faults.addedDelay(FaultKind.GATEWAY_LATENCY)
                .chain(() -> delegate.charge(idempotencyKey, amount, currency, card));
    }
}
