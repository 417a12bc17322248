package dev.obsaga.customers.grpc;

import java.util.UUID;

import dev.obsaga.commons.faults.Faults;
import dev.obsaga.commons.resilience.Unavailability;
import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.Customers;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.customers.persistence.CustomerRepository;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

@GrpcService
public class CustomersGrpcService implements Customers {

    static final String ERRORS = "grpc-errors";
    static final String LATENCY = "grpc-latency";

    private final CustomerRepository customers;
    private final Faults faults;
    private final Vertx vertx;

    public CustomersGrpcService(CustomerRepository customers, Faults faults, Vertx vertx) {
        this.customers = customers;
        this.faults = faults;
        this.vertx = vertx;
        faults.register(ERRORS, "The share 'rate' of GetCustomer calls answer UNAVAILABLE");
        faults.register(LATENCY, "Adds 'latencyMs' to every GetCustomer call");
    }

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        if (faults.shouldFail(ERRORS)) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("injected fault").asRuntimeException());
        }
        long delay = faults.addedLatency(LATENCY).toMillis();
        if (delay > 0) {
            return Uni.createFrom().emitter(e -> vertx.setTimer(delay, id -> e.complete(null)))
                    .chain(() -> lookup(request));
        }
        return lookup(request);
    }

    private Uni<Customer> lookup(GetCustomerRequest request) {
        UUID id;
        try {
            id = UUID.fromString(request.getId());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT
                    .withDescription("id must be a UUID").asRuntimeException());
        }
        return customers.findById(id)
                // Callers retry UNAVAILABLE later; an unknown status would read as a failure of the request itself.
                .onFailure(Unavailability::isCause).transform(e -> Status.UNAVAILABLE
                        .withDescription("customers cannot reach its database").withCause(e).asRuntimeException())
                .onItem().ifNull().failWith(() -> Status.NOT_FOUND
                        .withDescription("No customer " + id).asRuntimeException())
                .map(c -> Customer.newBuilder()
                        .setId(c.id().toString())
                        .setName(c.name())
                        .setEmail(c.email())
                        .setCreatedAtEpochMillis(c.createdAt().toEpochMilli())
                        .build());
    }
}
