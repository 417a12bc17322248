package dev.obsaga.orders.client;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.client.CustomerNotFoundException;
import dev.obsaga.commons.client.CustomersGrpcClient;
import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.smallrye.mutiny.Uni;

/**
 * Whether the customer of an order exists: unknown → 422; customers unavailable → the client's failure, which the
 * API answers with 503 and Retry-After.
 */
@ApplicationScoped
public class CustomerCheck {

    static final String KNOWN_CUSTOMERS = "known-customers";

    private final CustomersGrpcClient customers;
    private final CaffeineCache knownCustomers;

    public CustomerCheck(CustomersGrpcClient customers, @CacheName(KNOWN_CUSTOMERS) Cache knownCustomers) {
        this.customers = customers;
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
        return customers.find(customerId)
                .invoke(() -> knownCustomers.put(customerId, CompletableFuture.completedFuture(Boolean.TRUE)))
                .replaceWithVoid()
                .onFailure(CustomerNotFoundException.class).transform(e -> new ProblemException(
                        ProblemType.UNKNOWN_CUSTOMER, e.getMessage()));
    }
}
