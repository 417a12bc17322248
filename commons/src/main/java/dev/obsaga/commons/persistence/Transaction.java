package dev.obsaga.commons.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One database transaction whose statements are pipelined on its connection: every statement is sent when it is
 * issued, without waiting for the one before. {@link #query} is for a statement whose result the caller needs
 * (it waits for that one answer); {@link #write} is for one whose result nobody reads: it is only waited for at
 * the commit. A transaction that only writes therefore costs one round trip, BEGIN and COMMIT included — commits
 * and round trips, not statements, are what a transaction costs PostgreSQL and the service.
 * <p>
 * A statement that fails aborts the transaction in PostgreSQL, which then fails every later statement and turns
 * the COMMIT into a ROLLBACK; {@link Transactions} reports the first failure. Only {@link Transactions} opens one.
 */
public final class Transaction {

    private final SqlConnection connection;
    private final Context trace;
    private final List<Statement> sent = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterRollback = new ArrayList<>();

    /** A statement sent, in the order sent; {@code awaited} when the issuer reads (and handles) its result. */
    record Statement(CompletableFuture<RowSet<Row>> result, boolean awaited) {
    }

    Transaction(SqlConnection connection, Context trace) {
        this.connection = connection;
        this.trace = trace;
    }

    /** The trace context the work of this transaction belongs to (events it writes continue it). */
    public Context trace() {
        return trace;
    }

    /** Sends the statement now; the Uni is its result, which the caller must handle. */
    public Uni<RowSet<Row>> query(String sql, Tuple arguments) {
        return Uni.createFrom().completionStage(send(sql, arguments, true));
    }

    /** Sends the statement now; its failure fails the transaction at the commit. */
    public void write(String sql, Tuple arguments) {
        send(sql, arguments, false);
    }

    /** Sends one statement per argument tuple, as one batch; like {@link #write}. */
    public void writeBatch(String sql, List<Tuple> arguments) {
        if (!arguments.isEmpty()) {
            sent.add(new Statement(connection.preparedQuery(sql).executeBatch(arguments)
                    .subscribeAsCompletionStage(), false));
        }
    }

    /** Runs once the transaction committed (on the connection's context; it must not block). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs once the transaction rolled back, or when whether it committed is unknown. */
    public void afterRollback(Runnable action) {
        afterRollback.add(action);
    }

    void begin() {
        sent.add(new Statement(connection.query("BEGIN").execute().subscribeAsCompletionStage(), false));
    }

    /** Sent now (behind every statement issued so far); memoized, so waiting for it twice sends it once. */
    Uni<RowSet<Row>> commit() {
        CompletableFuture<RowSet<Row>> result = connection.query("COMMIT").execute().subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(result);
    }

    Uni<RowSet<Row>> rollback() {
        return connection.query("ROLLBACK").execute();
    }

    List<Statement> sent() {
        return sent;
    }

    List<Runnable> afterCommit() {
        return afterCommit;
    }

    List<Runnable> afterRollback() {
        return afterRollback;
    }

    private CompletableFuture<RowSet<Row>> send(String sql, Tuple arguments, boolean awaited) {
        CompletableFuture<RowSet<Row>> result = connection.preparedQuery(sql).execute(arguments)
                .subscribeAsCompletionStage();
        sent.add(new Statement(result, awaited));
        return result;
    }
}
