package dev.obsaga.loadgen;

import java.util.SplittableRandom;

/** Only the bad-input catalogue, case after case: every answer must be a 4xx, a 5xx fails the run. */
final class InvalidScenario implements Scenario {

    private final OrderRequests orders;

    InvalidScenario(OrderRequests orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "invalid";
    }

    @Override
    public void prepare(CustomerPool customers) {
        orders.useCustomers(customers);
    }

    @Override
    public PlannedRequest next(long index, SplittableRandom random) {
        int n = InvalidCatalogue.CASES.size();
        return InvalidCatalogue.CASES.get((int) (index % n)).request(orders, random);
    }
}
