package dev.obsaga.commons.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.contracts.grpc.customers.MutinyCustomersGrpc.MutinyCustomersStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * The one client of customers' gRPC API, for every service that needs a customer. Its fault tolerance is declared
 * here and tuned per service through the standard keys
 * ({@code quarkus.fault-tolerance."dev.obsaga.commons.client.CustomersGrpcClient/find".timeout.value}, ...):
 * <ul>
 * <li>a timeout: the Vert.x gRPC client does not enforce a deadline itself, and cancelling the call also cancels
 * it on the customers side;</li>
 * <li>one retry of a call that customers refused at once (an instance that just went away): GetCustomer only
 * reads, so repeating it is safe; a call that timed out is not repeated, its caller has waited long enough;</li>
 * <li>a circuit breaker, so that callers fail fast instead of each waiting out the timeout while customers keeps
 * failing. An unknown customer is an answer, not a failure: it neither opens the circuit nor is retried.</li>
 * </ul>
 * Failures other than {@link CustomerNotFoundException} mean customers is unavailable
 * ({@link dev.obsaga.commons.resilience.Unavailability} recognises them): APIs answer 503, consumers wait.
 */
@ApplicationScoped
public class CustomersGrpcClient {

    private final MutinyCustomersStub customers;

    public CustomersGrpcClient(@GrpcClient("customers") MutinyCustomersStub customers) {
        this.customers = customers;
    }

    @Timeout(value = 800, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, jitter = 25, retryOn = StatusRuntimeException.class,
            abortOn = CustomerNotFoundException.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = CustomerNotFoundException.class)
    public Uni<Customer> find(UUID customerId) {
        return customers.getCustomer(GetCustomerRequest.newBuilder().setId(customerId.toString()).build())
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND)
                .transform(e -> new CustomerNotFoundException(customerId));
    }
}
