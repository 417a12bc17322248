package dev.obsaga.customers.persistence;

import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.customers.registration.Customer;
import dev.obsaga.commons.persistence.Transaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@ApplicationScoped
public class CustomerRepository {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public CustomerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the customer; answers false when the e-mail address is already registered. */
    public Uni<Boolean> insert(Transaction tx, Customer customer) {
        return tx.query("INSERT INTO customers (id, name, email, created_at) VALUES ($1, $2, $3, $4)",
                Tuple.of(customer.id(), customer.name(), customer.email(),
                        customer.createdAt().atOffset(ZoneOffset.UTC)))
                .replaceWith(true)
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithItem(false);
    }

    public Uni<Customer> findById(UUID id) {
        return pool.preparedQuery("SELECT id, name, email, created_at FROM customers WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toCustomer(rows.iterator().next()));
    }

    private static Customer toCustomer(Row row) {
        return new Customer(row.getUUID("id"), row.getString("name"), row.getString("email"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
