package dev.obsaga.customers.api;

import java.time.Instant;
import java.util.UUID;

import dev.obsaga.customers.registration.Customer;

public record CustomerResponse(UUID id, String name, String email, Instant createdAt) {

    static CustomerResponse from(Customer customer) {
        return new CustomerResponse(customer.id(), customer.name(), customer.email(), customer.createdAt());
    }
}
