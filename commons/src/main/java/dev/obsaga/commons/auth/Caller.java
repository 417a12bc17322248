package dev.obsaga.commons.auth;

import java.util.UUID;

/** Who calls an API: an operator (may read anything) or a customer (may touch only its own data). */
public record Caller(boolean operator, UUID customerId) {

    /** Every caller while authentication is switched off. */
    public static final Caller UNCHECKED = new Caller(true, null);

    public static Caller customer(UUID customerId) {
        return new Caller(false, customerId);
    }

    /** True when the caller may see or act on the data of {@code customer}. */
    public boolean mayAccess(UUID customer) {
        return operator || customerId.equals(customer);
    }
}
