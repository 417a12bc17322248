package dev.obsaga.commons.persistence;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.obsaga.commons.persistence.ChangelogContents.ChangeSet;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Whether every change set of the changelog is recorded as applied, asked over the reactive pool the service
 * uses anyway. When it is, a start needs no Liquibase at all, and Liquibase's classes and caches (tens of MB of a
 * small service's memory, kept for the life of the process) are never loaded: the case of every restart and of
 * every replica but the one that applies a new change set.
 */
final class AppliedChangelog {

    private static final Logger LOG = Logger.getLogger(AppliedChangelog.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private AppliedChangelog() {
    }

    /** True only when {@code expected} is known and each of its change sets is in {@code schema}'s log. */
    static boolean isUpToDate(Pool pool, String schema, Set<ChangeSet> expected) {
        if (expected.isEmpty()) {
            return false;
        }
        try {
            Set<ChangeSet> applied = new HashSet<>();
            for (Row row : pool.query("SELECT id, author, filename FROM " + SchemaNames.checked(schema)
                    + ".databasechangelog").execute().await().atMost(QUERY_TIMEOUT)) {
                applied.add(new ChangeSet(row.getString("id"), row.getString("author"), row.getString("filename")));
            }
            return applied.containsAll(expected);
        } catch (RuntimeException e) {
            // no schema or no log yet (a first start), or no answer: Liquibase will tell
            LOG.debugf("Could not read the change log of %s: %s", schema, e.getMessage());
            return false;
        }
    }
}
