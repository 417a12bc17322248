package dev.obsaga.commons.outbox;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows this instance's fast path owns, from their INSERT until their DELETE (or until given back): the poll
 * leaves them alone, so a row whose commit is being published is not published a second time by the poll.
 */
final class ClaimedRows {

    private final Set<UUID> ids = ConcurrentHashMap.newKeySet();

    void claim(UUID id) {
        ids.add(id);
    }

    void release(UUID id) {
        ids.remove(id);
    }

    void releaseAll(Collection<OutboxRow> rows) {
        rows.forEach(row -> ids.remove(row.id()));
    }

    UUID[] snapshot() {
        return ids.toArray(UUID[]::new);
    }
}
