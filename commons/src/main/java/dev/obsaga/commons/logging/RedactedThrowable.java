package dev.obsaga.commons.logging;

import dev.obsaga.commons.redaction.Redactor;

/**
 * A copy of an exception for logging: same class name, stack trace and causes, with the messages redacted.
 * An exception message is where personal data most often slips into logs (a parser quoting its input).
 */
final class RedactedThrowable extends Throwable {

    private RedactedThrowable(String originalClass, String message, Throwable cause) {
        super(originalClass + (message == null ? "" : ": " + message), cause, false, true);
    }

    static Throwable of(Throwable original) {
        return copy(original, 0);
    }

    static boolean needsRedaction(Throwable thrown) {
        for (Throwable t = thrown; t != null && !(t instanceof RedactedThrowable); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(Redactor.redact(message))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable copy(Throwable original, int depth) {
        if (original == null || depth > 10) {
            return null;
        }
        RedactedThrowable copy = new RedactedThrowable(original.getClass().getName(),
                Redactor.redact(original.getMessage()), copy(original.getCause(), depth + 1));
        copy.setStackTrace(original.getStackTrace());
        for (Throwable suppressed : original.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, depth + 1));
        }
        return copy;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
