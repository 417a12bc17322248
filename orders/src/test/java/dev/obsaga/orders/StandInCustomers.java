package dev.obsaga.orders;

import java.time.Duration;
import java.util.UUID;

import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.Customers;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** The customers service as orders' tests need it: one known customer, one that answers too late. */
@GrpcService
public class StandInCustomers implements Customers {

    public static final UUID KNOWN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID SLOW = UUID.fromString("00000000-0000-4000-8000-00000000000f");

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        UUID id = UUID.fromString(request.getId());
        Customer customer = Customer.newBuilder().setId(id.toString()).setName("Known").setEmail("known@example.org")
                .build();
        if (KNOWN.equals(id)) {
            return Uni.createFrom().item(customer);
        }
        if (SLOW.equals(id)) {
            return Uni.createFrom().item(customer).onItem().delayIt().by(Duration.ofSeconds(6));
        }
        return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
    }
}
