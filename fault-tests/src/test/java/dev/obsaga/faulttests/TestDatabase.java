package dev.obsaga.faulttests;

import java.util.concurrent.TimeUnit;

import dev.obsaga.testsupport.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The test's own connection to the test database, straight to PostgreSQL (never through the proxy the services
 * use), so the checks work while the services' database connection is cut.
 */
final class TestDatabase implements AutoCloseable {

    private final Pool pool;

    TestDatabase(Vertx vertx) {
        this(vertx, new PgConnectOptions().setHost(TestInfrastructure.DB_HOST)
                .setPort(TestInfrastructure.DB_PORT).setUser(TestInfrastructure.DB_USER)
                .setDatabase(TestInfrastructure.TEST_DATABASE));
    }

    /** Another server than the machine's (a PostgreSQL of the test's own). */
    TestDatabase(Vertx vertx, PgConnectOptions options) {
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
    }

    /** The first column of the single row {@code sql} answers, as a long (0 for SQL NULL). */
    long number(String sql, Object... parameters) {
        Long value = firstRow(sql, parameters).getLong(0);
        return value == null ? 0 : value;
    }

    /** The first column of the first row {@code sql} answers, as text. */
    String text(String sql, Object... parameters) {
        return String.valueOf(firstRow(sql, parameters).getValue(0));
    }

    private Row firstRow(String sql, Object... parameters) {
        try {
            var rows = pool.preparedQuery(sql).execute(Tuple.from(parameters)).toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            return rows.iterator().next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Test database query failed: " + sql + " — " + e, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
