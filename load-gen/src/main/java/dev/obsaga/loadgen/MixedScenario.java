package dev.obsaga.loadgen;

import java.util.SplittableRandom;

/**
 * Shares of the mixed load, drawn per request with the seeded random: 80 % approving card (202, CONFIRMED),
 * 10 % declining card (202, REJECTED), 5 % a random case of the {@link InvalidCatalogue} (4xx), 5 % unknown
 * customer (422).
 */
final class MixedScenario implements Scenario {

    static final int APPROVING_PERCENT = 80;
    static final int DECLINING_PERCENT = 10;
    static final int INVALID_PERCENT = 5;
    static final int UNKNOWN_CUSTOMER_PERCENT = 5;

    private final OrderRequests orders;

    MixedScenario(OrderRequests orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public void prepare(CustomerPool customers) {
        orders.useCustomers(customers);
    }

    @Override
    public PlannedRequest next(long index, SplittableRandom random) {
        int draw = random.nextInt(100);
        if (draw < APPROVING_PERCENT) {
            return orders.approving(random);
        }
        if (draw < APPROVING_PERCENT + DECLINING_PERCENT) {
            return orders.declining(random);
        }
        if (draw < APPROVING_PERCENT + DECLINING_PERCENT + INVALID_PERCENT) {
            return InvalidCatalogue.CASES.get(random.nextInt(InvalidCatalogue.CASES.size())).request(orders, random);
        }
        return orders.unknownCustomer(random);
    }
}
