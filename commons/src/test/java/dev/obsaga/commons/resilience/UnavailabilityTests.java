package dev.obsaga.commons.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.UUID;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import dev.obsaga.commons.client.CustomerNotFoundException;
import io.grpc.Status;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.vertx.core.http.HttpClosedException;
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

    @Test
    void aCallToAnotherServiceThatTimedOutWasRefusedOrFoundItsCircuitOpenIsAnOutage() {
        assertTrue(Unavailability.isCause(new TimeoutException("customers took too long")));
        assertTrue(Unavailability.isCause(new CircuitBreakerOpenException("customers keeps failing")));
        assertTrue(Unavailability.isCause(Status.UNAVAILABLE.asRuntimeException()));
        assertTrue(Unavailability.isCause(Status.DEADLINE_EXCEEDED.asRuntimeException()));
        assertFalse(Unavailability.isCause(Status.INVALID_ARGUMENT.asRuntimeException()));
        assertFalse(Unavailability.isCause(new CustomerNotFoundException(UUID.randomUUID())));
    }

    @Test
    void aCallTheHttp2ConnectionRefusedBecauseThePeerIsGoingAwayIsAnOutage() {
        // fault suite, customers stopped under load: its GOAWAY raced a call, which gRPC reports as UNKNOWN
        Http2Exception goingAway = Http2Exception.streamError(7, Http2Error.REFUSED_STREAM,
                "Cannot create stream 7 greater than Last-Stream-ID 5 from GOAWAY.");
        assertTrue(Unavailability.isCause(Status.UNKNOWN.withCause(goingAway).asRuntimeException()));
        // the same race, the stream already open: Vert.x closes it with the connection
        assertTrue(Unavailability.isCause(Status.UNKNOWN
                .withCause(new HttpClosedException("Stream was closed (GOAWAY error code = 0)"))
                .asRuntimeException()));
        assertFalse(Unavailability.isCause(Status.UNKNOWN.asRuntimeException()));
    }
}
