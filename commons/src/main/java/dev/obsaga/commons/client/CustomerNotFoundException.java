package dev.obsaga.commons.client;

import java.util.UUID;

/** customers answered that it has no customer with this id: a healthy answer about a wrong id. */
public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(UUID customerId) {
        super("Customer " + customerId + " does not exist.", null, false, false);
    }
}
