package dev.obsaga.customers.faults;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import dev.obsaga.commons.faults.FaultKind;
import dev.obsaga.commons.faults.Faults;
import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.Customers;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/** The {@code grpc-errors} and {@code grpc-latency} knobs, around customers' gRPC service. */
@Decorator
@Priority(10)
public class FaultyCustomersGrpc implements Customers {

    private final Customers delegate;
    private final Faults faults;

    @Inject
    public FaultyCustomersGrpc(@Delegate @Any Customers delegate, Faults faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        if (faults.shouldFail(FaultKind.GRPC_ERRORS)) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("injected fault").asRuntimeException());
        }
        return faults.addedDelay(FaultKind.GRPC_LATENCY).chain(() -> delegate.getCustomer(request));
    }
}
