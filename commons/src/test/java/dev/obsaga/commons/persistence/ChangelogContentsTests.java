package dev.obsaga.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.obsaga.commons.persistence.ChangelogContents.ChangeSet;

/** The change sets a changelog holds, or nothing when they cannot be known for sure (then Liquibase runs). */
class ChangelogContentsTests {

    private static final ClassLoader RESOURCES = ChangelogContentsTests.class.getClassLoader();

    @Test
    void includedFormattedSqlFilesNameTheirChangeSetsInOrder() {
        assertEquals(List.of(
                new ChangeSet("messaging-001", "obsaga", "db/changelog/messaging-001-outbox-inbox.sql"),
                new ChangeSet("test-001", "obsaga", "changelogs/two-changesets.sql"),
                new ChangeSet("test-002", "other-author", "changelogs/two-changesets.sql")),
                List.copyOf(ChangelogContents.of(RESOURCES, "changelogs/two-files.xml")));
    }

    @Test
    void whatCannotBeReadForSureIsUnknown() {
        assertTrue(ChangelogContents.of(RESOURCES, "changelogs/include-all.xml").isEmpty(), "includeAll");
        assertTrue(ChangelogContents.of(RESOURCES, "changelogs/missing-file.xml").isEmpty(), "a missing file");
        assertTrue(ChangelogContents.of(RESOURCES, "changelogs/no-such-changelog.xml").isEmpty(), "no changelog");
        assertTrue(ChangelogContents.of(RESOURCES, "changelogs/quoted-author.xml").isEmpty(), "a quoted author");
    }
}
