package dev.obsaga.customers.api;

import java.util.UUID;

import dev.obsaga.commons.resilience.Unavailability;
import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.Customers;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import dev.obsaga.customers.persistence.CustomerRepository;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

@GrpcService
public class CustomersGrpcService implements Customers {

    private final CustomerRepository customers;

    public CustomersGrpcService(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
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
