package dev.obsaga.commons.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** OBSAGA_AUTH_ENABLED=false lets every call through as an operator, and says so as a metric. */
class AuthSwitchTests {

    /** Fails the test if the identity is ever asked for: with auth off no token is looked at. */
    static final CurrentIdentityAssociation NEVER_ASKED = new CurrentIdentityAssociation() {
        @Override
        public void setIdentity(SecurityIdentity identity) {
            throw new AssertionError("not expected");
        }

        @Override
        public void setIdentity(Uni<SecurityIdentity> identity) {
            throw new AssertionError("not expected");
        }

        @Override
        public Uni<SecurityIdentity> getDeferredIdentity() {
            throw new AssertionError("the identity was asked for although authentication is off");
        }

        @Override
        public SecurityIdentity getIdentity() {
            throw new AssertionError("not expected");
        }
    };

    @Test
    void offMeansEveryCallerIsUncheckedAndTheGaugeSaysZero() {
        AuthConfig off = () -> false;
        Caller caller = new ApiAccess(NEVER_ASKED, off).caller().await().indefinitely();
        assertSame(Caller.UNCHECKED, caller);
        assertTrue(caller.mayAccess(UUID.randomUUID()));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new AuthStatus(off, registry).announce(null);
        assertEquals(0.0, registry.get(MetricNames.AUTH_ENABLED).gauge().value());
        SimpleMeterRegistry on = new SimpleMeterRegistry();
        new AuthStatus(() -> true, on).announce(null);
        assertEquals(1.0, on.get(MetricNames.AUTH_ENABLED).gauge().value());
    }

    @Test
    void aCustomerMayAccessOnlyItself() {
        UUID me = UUID.randomUUID();
        assertTrue(Caller.customer(me).mayAccess(me));
        assertFalse(Caller.customer(me).mayAccess(UUID.randomUUID()));
        assertTrue(new Caller(true, null).mayAccess(me));
    }
}
