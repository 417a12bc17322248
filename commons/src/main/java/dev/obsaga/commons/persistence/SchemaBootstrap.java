package dev.obsaga.commons.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates the service's schema and tables at start-up, before any consumer or request can touch them.
 * Flyway is not used: it needs JDBC next to the reactive client, and quarkus-flyway is missing from the registry
 * we build against. The scripts are idempotent DDL, serialised across instances by an advisory lock.
 */
@ApplicationScoped
public class SchemaBootstrap {

    private static final Logger LOG = Logger.getLogger(SchemaBootstrap.class);
    private static final List<String> SCRIPTS = List.of("db/messaging-schema.sql", "db/schema.sql");

    private final Pool pool;
    private final PersistenceConfig config;

    public SchemaBootstrap(Pool pool, PersistenceConfig config) {
        this.pool = pool;
        this.config = config;
    }

    // Runs before the messaging connectors start (they observe StartupEvent at LIBRARY_BEFORE), on the main
    // thread, where waiting is allowed: nothing may consume before the tables exist.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        String schema = config.schema();
        List<String> statements = new ArrayList<>();
        statements.add("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(schema));
        statements.add("SET LOCAL search_path TO " + quoteIdentifier(schema));
        SCRIPTS.forEach(script -> statements.addAll(statementsOf(script)));
        pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of("obsaga-schema-" + schema))
                .chain(() -> Multi.createFrom().iterable(statements)
                        .onItem().transformToUniAndConcatenate(sql -> conn.query(sql).execute())
                        .collect().last()))
                .onFailure().invoke(e -> LOG.errorf(e, "Could not create schema %s", schema))
                .await().atMost(config.bootstrapTimeout());
        LOG.infof("Schema %s is ready (%d statements)", schema, statements.size());
    }

    static List<String> statementsOf(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder withoutComments = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    withoutComments.append(line).append('\n');
                }
            }
            return Arrays.stream(withoutComments.toString().split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quoteIdentifier(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Schema name must be a lower-case SQL identifier: " + identifier);
        }
        return identifier;
    }
}
