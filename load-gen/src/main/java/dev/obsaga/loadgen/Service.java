package dev.obsaga.loadgen;

/** The four services of the saga, as far as the load generator talks to them. */
public enum Service {
    CUSTOMERS, ORDERS, PAYMENTS, NOTIFICATIONS
}
