package dev.obsaga.commons.logging;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import dev.obsaga.commons.redaction.Redactor;
import io.quarkus.logging.LoggingFilter;

/**
 * The one place where log output is scrubbed: every record's message and its exception texts go through the
 * {@link Redactor} before any handler formats them, whoever logged them (our code, a library, a stack trace).
 */
@LoggingFilter(name = "obsaga-redaction")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = formatted(record);
        if (message != null) {
            String redacted = Redactor.redact(message);
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        if (record.getThrown() != null && RedactedThrowable.needsRedaction(record.getThrown())) {
            // Only then: a replaced exception shows its original type in its message, not in exceptionType.
            record.setThrown(RedactedThrowable.of(record.getThrown()));
        }
        return true;
    }

    private static String formatted(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return record.getMessage();
    }
}
