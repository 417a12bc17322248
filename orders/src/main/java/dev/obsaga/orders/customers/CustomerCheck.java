package dev.obsaga.orders.customers;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.contracts.grpc.customers.MutinyCustomersGrpc.MutinyCustomersStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * Asks customers whether the customer of an order exists. Unknown → 422; unreachable, failing or slower than
 * the deadline → 503 with Retry-After. The circuit breaker stops calling a customers service that keeps
 * failing, so placements fail fast instead of each waiting out the deadline.
 */
@ApplicationScoped
public class CustomerCheck {

    private final MutinyCustomersStub customers;
    private final CustomerCheckConfig config;

    public CustomerCheck(@GrpcClient("customers") MutinyCustomersStub customers, CustomerCheckConfig config) {
        this.customers = customers;
        this.config = config;
    }

    public Uni<Void> requireExisting(UUID customerId) {
        return lookup(customerId)
                .onFailure(CustomerCheck::isNotFound).transform(e -> new ProblemException(ProblemType.UNKNOWN_CUSTOMER,
                        "Customer " + customerId + " does not exist."))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                        "The customers service is unavailable; retry later.", config.retryAfter(), e));
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = java.time.temporal.ChronoUnit.SECONDS,
            skipOn = StatusRuntimeExceptionNotFound.class)
    Uni<Void> lookup(UUID customerId) {
        return customers.withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .getCustomer(GetCustomerRequest.newBuilder().setId(customerId.toString()).build())
                // The Vert.x gRPC client does not enforce the deadline itself: bound the wait here.
                .ifNoItem().after(config.deadline()).failWith(() -> Status.DEADLINE_EXCEEDED
                        .withDescription("customers did not answer within " + config.deadline()).asRuntimeException())
                .onFailure(CustomerCheck::isNotFound).transform(StatusRuntimeExceptionNotFound::new)
                .replaceWithVoid();
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof StatusRuntimeExceptionNotFound
                || e instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.NOT_FOUND;
    }

    /** A NOT_FOUND answer: customers is healthy, so it must not open the circuit. */
    static final class StatusRuntimeExceptionNotFound extends RuntimeException {
        StatusRuntimeExceptionNotFound(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
