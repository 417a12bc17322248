package dev.obsaga.commons.auth;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;
import dev.obsaga.contracts.auth.ApiRoles;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Who the caller of an API is, from its bearer token. Checked in code rather than with {@code @RolesAllowed}, so
 * that one runtime switch (OBSAGA_AUTH_ENABLED) turns the whole check off and the ownership rules ("a customer sees
 * only its own data") sit next to the data they protect. The identity is resolved lazily and without blocking
 * ({@code quarkus.http.auth.proactive=false}), so a failed verification reaches {@link AuthProblemMappers}.
 */
@ApplicationScoped
public class ApiAccess {

    private final CurrentIdentityAssociation identities;
    private final boolean enabled;

    public ApiAccess(CurrentIdentityAssociation identities, AuthConfig config) {
        this.identities = identities;
        this.enabled = config.enabled();
    }

    /** The authenticated caller; fails with 401 without a valid token, 403 with a token of no known role. */
    public Uni<Caller> caller() {
        if (!enabled) {
            return Uni.createFrom().item(Caller.UNCHECKED);
        }
        return identities.getDeferredIdentity().map(ApiAccess::callerOf);
    }

    /** The caller, when it may see the data of {@code customer}; otherwise 404 with {@code notFound}. */
    public Uni<Caller> requireAccessTo(UUID customer, String notFound) {
        return caller().invoke(caller -> {
            if (!caller.mayAccess(customer)) {
                throw new ProblemException(ProblemType.NOT_FOUND, notFound);
            }
        });
    }

    private static Caller callerOf(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "A bearer token is required.");
        }
        if (identity.hasRole(ApiRoles.OPERATOR)) {
            return new Caller(true, null);
        }
        if (identity.hasRole(ApiRoles.CUSTOMER) && identity.getPrincipal() instanceof JsonWebToken jwt) {
            try {
                return Caller.customer(UUID.fromString(jwt.getSubject()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ProblemException(ProblemType.FORBIDDEN, "The token's subject is not a customer id.");
            }
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "The token grants neither the customer nor the operator role.");
    }
}
