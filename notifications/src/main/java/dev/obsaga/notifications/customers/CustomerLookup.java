package dev.obsaga.notifications.customers;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.obsaga.commons.resilience.DependencyUnavailableException;
import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.contracts.grpc.customers.MutinyCustomersGrpc.MutinyCustomersStub;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** Where to send a customer's messages: asked of customers each time, never copied here. */
@ApplicationScoped
public class CustomerLookup {

    private final MutinyCustomersStub customers;
    private final Duration deadline;

    public CustomerLookup(@GrpcClient("customers") MutinyCustomersStub customers,
            @ConfigProperty(name = "obsaga.customers.deadline", defaultValue = "2s") Duration deadline) {
        this.customers = customers;
        this.deadline = deadline;
    }

    /**
     * Fails with {@link DependencyUnavailableException} while customers is down or too slow: the notification then
     * waits for it (and goes back to its queue if the outage lasts) instead of being dead-lettered.
     */
    public Uni<Customer> find(UUID customerId) {
        return customers.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getCustomer(GetCustomerRequest.newBuilder().setId(customerId.toString()).build())
                // The Vert.x gRPC client does not enforce the deadline itself: bound the wait here.
                .ifNoItem().after(deadline).failWith(() -> io.grpc.Status.DEADLINE_EXCEEDED
                        .withDescription("customers did not answer within " + deadline).asRuntimeException())
                .onFailure(CustomerLookup::isOutage).transform(e -> new DependencyUnavailableException("customers", e));
    }

    private static boolean isOutage(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }
}
