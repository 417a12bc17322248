package dev.obsaga.commons.logging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTests {

    private final RedactingLogFilter filter = new RedactingLogFilter();

    @Test
    void messagesAreRedactedAfterFormatting() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "paid with %s by %s", ExtLogRecord.FormatStyle.PRINTF,
                getClass().getName());
        record.setParameters(new Object[] { "4242 4242 4242 4242", "ann@example.org" });
        assertTrue(filter.isLoggable(record));
        assertEquals("paid with ****4242 by a***@example.org", record.getFormattedMessage());
    }

    @Test
    void exceptionTextsAreRedactedKeepingTypeAndStack() {
        IllegalArgumentException cause = new IllegalArgumentException("bad card 4242424242424242");
        RuntimeException thrown = new RuntimeException("wrapped", cause);
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "failed", getClass().getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        Throwable logged = record.getThrown();
        assertEquals("java.lang.RuntimeException: wrapped", logged.getMessage());
        assertEquals("java.lang.IllegalArgumentException: bad card ****4242", logged.getCause().getMessage());
        assertArrayEquals(thrown.getStackTrace(), logged.getStackTrace());
    }

    @Test
    void exceptionsWithNothingToHideStayAsTheyAre() {
        IllegalStateException thrown = new IllegalStateException("order 00000000-0000-4000-8000-000000000001");
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "failed", getClass().getName());
        record.setThrown(thrown);
        filter.isLoggable(record);
        assertSame(thrown, record.getThrown());
    }
}
