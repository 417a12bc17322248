package dev.obsaga.orders.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.obsaga.commons.outbox.Outbox;
import dev.obsaga.commons.persistence.Transactions;
import dev.obsaga.contracts.events.CardReference;
import dev.obsaga.contracts.events.OrderCreated;
import dev.obsaga.orders.client.CustomerCheck;
import dev.obsaga.orders.persistence.OrderRepository;
import io.smallrye.mutiny.Uni;

/** Accepts an order: the customer must exist; the order and its order.created event commit together. */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);

    private final CustomerCheck customerCheck;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final Transactions transactions;

    public OrderPlacement(CustomerCheck customerCheck, OrderRepository orders, Outbox outbox,
            Transactions transactions) {
        this.customerCheck = customerCheck;
        this.orders = orders;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public Uni<Order> place(UUID customerId, String currency, List<Order.OrderLine> lines, CardReference card) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BigDecimal total = lines.stream().map(Order.OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2);
        Order order = new Order(UUID.randomUUID(), customerId, OrderStatus.PENDING, total, currency, card.token(),
                card.last4(), null, now, now, lines);
        return customerCheck.requireExisting(customerId)
                .chain(() -> transactions.run(tx -> {
                    orders.insert(tx, order);
                    outbox.append(tx, new OrderCreated(UUID.randomUUID(), now, order.id(), customerId, total,
                            currency, card));
                    return Uni.createFrom().voidItem();
                }))
                .invoke(() -> LOG.infof("Order %s accepted for customer %s: %s %s", order.id(), customerId, total,
                        currency))
                .replaceWith(order);
    }
}
