package dev.obsaga.customers.registration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.commons.persistence.Transactions;
import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.contracts.events.CustomerRegistered;
import dev.obsaga.customers.persistence.CustomerRepository;
import io.smallrye.mutiny.Uni;

/** Registers a customer and announces it, in one transaction. */
@ApplicationScoped
public class CustomerRegistration {

    private static final Logger LOG = Logger.getLogger(CustomerRegistration.class);

    private final Outbox outbox;
    private final CustomerRepository customers;
    private final Transactions transactions;

    public CustomerRegistration(Outbox outbox, CustomerRepository customers, Transactions transactions) {
        this.outbox = outbox;
        this.customers = customers;
        this.transactions = transactions;
    }

    public Uni<Customer> register(String name, String email) {
        // Microseconds: what PostgreSQL stores, so the answer equals what a later GET returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Customer customer = new Customer(UUID.randomUUID(), name.strip(), email.strip(), now);
        return transactions.run(tx -> customers.insert(tx, customer)
                .chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                                "A customer with this e-mail address is already registered."));
                    }
                    outbox.append(tx, new CustomerRegistered(UUID.randomUUID(), now, customer.id(), customer.name()));
                    return Uni.createFrom().voidItem();
                }))
                .invoke(() -> LOG.infof("Customer %s registered", customer.id()))
                .replaceWith(customer);
    }
}
