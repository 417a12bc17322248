package dev.obsaga.contracts.auth;

/**
 * What a bearer token of the public APIs says about its holder: the contract between whoever issues tokens (the
 * local dev issuer, Keycloak, any OIDC provider) and the four services that check them.
 * <ul>
 * <li>{@code sub}: for a customer, the customer's id (a UUID).</li>
 * <li>{@code groups}: the roles, {@link #CUSTOMER} or {@link #OPERATOR} (another claim can be mapped with
 * {@code SMALLRYE_JWT_PATH_GROUPS}, e.g. Keycloak's {@code realm_access/roles}).</li>
 * <li>{@code iss}: {@link #LOCAL_ISSUER} unless {@code OBSAGA_AUTH_ISSUER} says otherwise.</li>
 * </ul>
 */
public final class ApiRoles {

    /** May register, place orders for itself and read its own customer record, orders and notifications. */
    public static final String CUSTOMER = "customer";
    /** Back office: may read everything and place an order on behalf of any customer. */
    public static final String OPERATOR = "operator";
    /** The issuer of the tokens that run-local.sh and load-gen mint. */
    public static final String LOCAL_ISSUER = "https://obsaga.local/dev-issuer";

    private ApiRoles() {
    }
}
