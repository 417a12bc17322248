package dev.obsaga.commons.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;

class UnavailabilityTests {

    @Test
    void aConnectionThatDiedUnderACommandIsAnOutage() {
        assertTrue(Unavailability.isCause(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")));
        assertTrue(Unavailability.isCause(new IllegalStateException("wrapped",
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
    }

    @Test
    void otherBareVertxFailuresAreNot() {
        assertFalse(Unavailability.isCause(new NoStackTraceThrowable("Something else went wrong")));
        assertFalse(Unavailability.isCause(new NoStackTraceThrowable(null)));
    }

    @Test
    void networkFailuresAndServerStatesAreOutagesButBadSqlIsNot() {
        assertTrue(Unavailability.isCause(new ConnectException("refused")));
        assertTrue(Unavailability.isCause(new java.io.IOException("Broken pipe")));
        assertFalse(Unavailability.isCause(new com.fasterxml.jackson.core.JsonParseException(null, "bad JSON")));
        assertTrue(Unavailability.isCause(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertFalse(Unavailability.isCause(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(Unavailability.isCause(new IllegalArgumentException("bad input")));
    }
}
