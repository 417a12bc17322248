package dev.obsaga.notifications;

import dev.obsaga.contracts.grpc.customers.Customer;
import dev.obsaga.contracts.grpc.customers.Customers;
import dev.obsaga.contracts.grpc.customers.GetCustomerRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** Every customer exists for notifications' tests, with an address derived from the id. */
@GrpcService
public class StandInCustomers implements Customers {

    public static String emailOf(String id) {
        return "person." + id.substring(0, 8) + "@example.org";
    }

    @Override
    public Uni<Customer> getCustomer(GetCustomerRequest request) {
        return Uni.createFrom().item(Customer.newBuilder().setId(request.getId()).setName("Pat")
                .setEmail(emailOf(request.getId())).build());
    }
}
