package dev.obsaga.commons.persistence;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.obsaga.commons.persistence.ChangelogContents.ChangeSet;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * At start-up, before the messaging connectors start (they observe StartupEvent at LIBRARY_BEFORE) and on the main
 * thread, where blocking is allowed: migrates the schema when its changelog holds a change set not yet applied.
 * This class names no Liquibase type and asks for SchemaMigration only then, so a schema already up to date
 * (AppliedChangelog) never loads Liquibase.
 */
@ApplicationScoped
public class SchemaAtStart {

    private static final Logger LOG = Logger.getLogger(SchemaAtStart.class);

    /** quarkus.liquibase.migration.change-log */
    static final String CHANGELOG = "db/changelog.xml";

    static void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            PersistenceConfig config, Pool pool, Instance<SchemaMigration> migration) {
        Set<ChangeSet> changeSets = ChangelogContents.of(Thread.currentThread().getContextClassLoader(), CHANGELOG);
        if (AppliedChangelog.isUpToDate(pool, config.schema(), changeSets)) {
            LOG.infof("Schema %s is up to date: its %d change sets are applied", config.schema(), changeSets.size());
            return;
        }
        migration.get().migrate();
    }
}
