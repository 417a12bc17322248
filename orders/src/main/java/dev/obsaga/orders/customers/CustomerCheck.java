package dev.obsaga.orders.customers;

import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.contracts.grpc.customers.MutinyCustomersGrpc.MutinyCustomersStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/**
 * Asks customers whether the customer of an order exists. Unknown → 422; unreachable, failing or slower than
 * the deadline → 503 with Retry-After. The circuit breaker stops calling a customers service that keeps
 * failing, so placements fail fast instead of each waiting out the deadline.
 */
@ApplicationScoped
public class CustomerCheck {

    static final String KNOWN_CUSTOMERS = "known-customers";

    private final MutinyCustomersStub customers;
    private final CustomerCheckConfig config;
    private final CaffeineCache knownCustomers;

    public CustomerCheck(@GrpcClient("customers") MutinyCustomersStub customers, CustomerCheckConfig config,
            @CacheName(KNOWN_CUSTOMERS) Cache knownCustomers) {
        this.customers = customers;
        this.config = config;
        this.knownCustomers = knownCustomers.as(CaffeineCache.class);
    }

    /**
     * Customers are never deleted, so that one exists is remembered (ids only, no personal data) for
     * {@code quarkus.cache.caffeine."known-customers".expire-after-write}; an unknown one is asked again each time.
     */
    public Uni<Void> requireExisting(UUID customerId) {
        if (knownCustomers.getIfPresent(customerId) != null) {
            return Uni.createFrom().voidItem();
        }
        return lookup(customerId)
                .invoke(id -> knownCustomers.put(id, CompletableFuture.completedFuture(Boolean.TRUE)))
                .replaceWithVoid()
                .onFailure(CustomerCheck::isNotFound).transform(e -> new ProblemException(ProblemType.UNKNOWN_CUSTOMER,
                        "Customer " + customerId + " does not exist."))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> ProblemException.unavailable(
                        "The customers service is unavailable; retry later.", config.retryAfter(), e));
    }

    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = StatusRuntimeExceptionNotFound.class)
    Uni<UUID> lookup(UUID customerId) {
        return customers.withDeadlineAfter(config.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .getCustomer(GetCustomerRequest.newBuilder().setId(customerId.toString()).build())
                // The Vert.x gRPC client does not enforce the deadline itself: bound the wait here.
                .ifNoItem().after(config.deadline()).failWith(() -> Status.DEADLINE_EXCEEDED
                        .withDescription("customers did not answer within " + config.deadline()).asRuntimeException())
                .onFailure(CustomerCheck::isNotFound).transform(StatusRuntimeExceptionNotFound::new)
                .replaceWith(customerId);
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
