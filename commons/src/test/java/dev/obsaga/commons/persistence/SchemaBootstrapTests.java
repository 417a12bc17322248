package dev.obsaga.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaBootstrapTests {

    @Test
    void splitsTheSharedScriptIntoStatementsWithoutComments() {
        List<String> statements = SchemaBootstrap.statementsOf("db/messaging-schema.sql");
        assertEquals(3, statements.size());
        assertTrue(statements.get(0).startsWith("CREATE TABLE IF NOT EXISTS outbox"));
        assertTrue(statements.stream().noneMatch(s -> s.contains("--")));
    }

    @Test
    void aMissingScriptIsEmpty() {
        assertEquals(List.of(), SchemaBootstrap.statementsOf("db/none.sql"));
    }

    @Test
    void schemaNamesAreCheckedBeforeTheyReachSql() {
        assertEquals("orders", SchemaBootstrap.quoteIdentifier("orders"));
        assertThrows(IllegalArgumentException.class, () -> SchemaBootstrap.quoteIdentifier("x; DROP TABLE y"));
    }
}
