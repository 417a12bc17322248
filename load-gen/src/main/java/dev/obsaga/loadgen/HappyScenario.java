package dev.obsaga.loadgen;

import java.util.SplittableRandom;

/** Only valid orders of registered customers with approving cards: every order should be CONFIRMED. */
final class HappyScenario implements Scenario {

    private final OrderRequests orders;

    HappyScenario(OrderRequests orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "happy";
    }

    @Override
    public void prepare(CustomerPool customers) {
        orders.useCustomers(customers);
    }

    @Override
    public PlannedRequest next(long index, SplittableRandom random) {
        return orders.approving(random);
    }
}
