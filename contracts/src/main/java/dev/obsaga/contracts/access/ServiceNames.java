package dev.obsaga.contracts.access;

import java.util.List;
import java.util.Locale;

/** The four services, by their quarkus.application.name: each one broker user, one database role, one schema. */
public final class ServiceNames {

    public static final List<String> ALL = List.of("customers", "orders", "payments", "notifications");

    private ServiceNames() {
    }

    /** The variable a service's secret is read from, e.g. RABBITMQ_PASSWORD_PAYMENTS. */
    public static String secretVariable(String prefix, String service) {
        return prefix + "_" + service.toUpperCase(Locale.ROOT);
    }
}
