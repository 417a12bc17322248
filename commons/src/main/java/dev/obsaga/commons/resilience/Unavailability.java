package dev.obsaga.commons.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.grpc.Status;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.Http2Exception;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a dependency that is down apart from a request or a message that is wrong: the first is worth waiting
 * for and retrying (it succeeds once the dependency is back), the second is not.
 */
public final class Unavailability {

    private Unavailability() {
    }

    /** Whether {@code failure}, or any of its causes, says a dependency could not be reached. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DependencyUnavailableException || t instanceof ClosedConnectionException
                    || t instanceof ConnectException || t instanceof SocketException
                    // a write on a connection the peer dropped ("Broken pipe"): the SQL client reports it bare;
                    // unreadable JSON is an IOException too, and never an outage
                    || t instanceof IOException
                            && !(t instanceof JsonProcessingException)
                    || t instanceof ClosedChannelException || t instanceof TimeoutException
                    || t instanceof ConnectTimeoutException
                    // the HTTP/2 connection to the peer (gRPC) would not carry the call or closed under it, e.g.
                    // after its GOAWAY when it shuts down: gRPC reports either as UNKNOWN, with this as the cause
                    || t instanceof Http2Exception || t instanceof HttpClosedException) {
                return true;
            }
            if (t instanceof FaultToleranceException || isUnavailableStatus(Status.fromThrowable(t).getCode())) {
                // a call to another service that timed out, found its circuit open, or was refused for now
                return true;
            }
            if (t instanceof DatabaseException db && isUnavailableState(db.getSqlState())) {
                return true;
            }
            if (isClosedSqlConnection(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Vert.x SQL client fails a command on a connection that died under it with a bare
     * {@code NoStackTraceThrowable("Connection is not active now, current status: CLOSED")}, not with a typed
     * exception (seen at 100 orders/s while the database connection was cut): its text is all there is to go by.
     */
    private static boolean isClosedSqlConnection(Throwable t) {
        return t instanceof NoStackTraceThrowable && t.getMessage() != null
                && t.getMessage().startsWith("Connection is not active now");
    }

    /**
     * PostgreSQL states of a server that cannot serve now: connection exceptions (08), shutting down or not yet
     * accepting connections (57P01–57P03), too many connections (53300).
     */
    private static boolean isUnavailableState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_NOT_SERVING.contains(sqlState));
    }

    private static boolean isUnavailableStatus(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    private static final Set<String> SERVER_NOT_SERVING = Set.of("57P01", "57P02", "57P03", "53300");
}
