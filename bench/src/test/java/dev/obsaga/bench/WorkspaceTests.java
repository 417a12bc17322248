package dev.obsaga.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WorkspaceTests {

    @Test
    void fourPoolsMustFitInWhatPostgresqlHasLeft() {
        assertEquals(20, Workspace.poolThatFits(20, 100, 5));
        // 100 - 45 in use - 10 margin = 45 free: 11 each
        assertEquals(11, Workspace.poolThatFits(20, 100, 45));
        assertEquals(4, Workspace.poolThatFits(20, 100, 95));
    }
}
