package dev.obsaga.commons.persistence;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs work in one pipelined {@link Transaction}: BEGIN goes out with the work's first statement and COMMIT right
 * behind its last one, then every statement sent is waited for. The transaction fails with the failure that
 * explains it: the first statement that failed, unless the work itself read that failure and failed on its own
 * terms (a unique violation it turned into a 409, say). After a commit its {@code afterCommit} actions run; after
 * anything else (a failure, a cancellation) its {@code afterRollback} actions.
 */
@ApplicationScoped
public class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    /** Runs the work in one transaction, in the trace context current now. */
    public <T> Uni<T> run(Function<Transaction, Uni<T>> work) {
        return run(Context.current(), work);
    }

    /** Runs the work in one transaction whose events belong to {@code trace}. */
    public <T> Uni<T> run(Context trace, Function<Transaction, Uni<T>> work) {
        return pool.withConnection(connection -> {
            Transaction tx = new Transaction(connection, trace);
            tx.begin();
            return Uni.createFrom().deferred(() -> work.apply(tx))
                    .onItemOrFailure().transformToUni((result, failure) -> failure == null
                            ? commit(tx, result)
                            : abort(tx, failure))
                    .invoke(() -> runIn(tx.trace(), tx.afterCommit()))
                    .onFailure().invoke(() -> runIn(tx.trace(), tx.afterRollback()))
                    // Cancelled (a client gone): whether it committed is unknown, which the rollback actions
                    // handle (the outbox gives its rows back to the poll).
                    .onCancellation().invoke(() -> runIn(tx.trace(), tx.afterRollback()));
        });
    }

    /**
     * The actions after the transaction run in its trace context: the statements' answers arrive on the
     * connection's thread, where the current context may be another message's (log lines would carry its trace).
     */
    private static void runIn(Context trace, List<Runnable> actions) {
        if (actions.isEmpty()) {
            return;
        }
        try (Scope ignored = trace.makeCurrent()) {
            actions.forEach(Runnable::run);
        }
    }

    /**
     * COMMIT behind the last statement, then waits for all of them: any failure means PostgreSQL did not commit
     * (it answers the COMMIT of an aborted transaction with a ROLLBACK), and the first one explains it.
     */
    private static <T> Uni<T> commit(Transaction tx, T result) {
        Uni<Void> committed = tx.commit().replaceWithVoid();
        return committed.onFailure().recoverWithNull()
                .chain(() -> settled(tx))
                .chain(() -> {
                    Throwable failure = firstFailure(tx.sent());
                    return failure == null ? committed.replaceWith(result) : Uni.createFrom().failure(failure);
                });
    }

    /** The work failed: waits for what it sent, rolls back, and fails with what explains the failure. */
    private static <T> Uni<T> abort(Transaction tx, Throwable workFailure) {
        return settled(tx)
                .chain(() -> tx.rollback().replaceWithVoid()
                        .onFailure().invoke(e -> LOG.debugf("ROLLBACK not sent: %s", e.toString()))
                        .onFailure().recoverWithNull())
                .chain(() -> Uni.createFrom().failure(explain(workFailure, tx.sent())));
    }

    /** Waits until every statement sent has its answer, whatever it is. */
    private static Uni<Void> settled(Transaction tx) {
        CompletableFuture<?>[] results = tx.sent().stream().map(s -> s.result().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(results)).replaceWithVoid();
    }

    /**
     * The first failed statement explains a failed work, unless the work read that statement's answer itself:
     * then what the work made of it (a unique violation turned into a 409, say) is the failure.
     */
    private static Throwable explain(Throwable workFailure, List<Transaction.Statement> sent) {
        for (Transaction.Statement statement : sent) {
            if (statement.result().isCompletedExceptionally()) {
                return statement.awaited() ? workFailure : cause(statement.result());
            }
        }
        return workFailure;
    }

    private static Throwable firstFailure(List<Transaction.Statement> sent) {
        for (Transaction.Statement statement : sent) {
            if (statement.result().isCompletedExceptionally()) {
                return cause(statement.result());
            }
        }
        return null;
    }

    private static Throwable cause(CompletableFuture<?> result) {
        try {
            result.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }
}
