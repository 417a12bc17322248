package dev.obsaga.commons.inbox;

/** A message that can never be handled, however often it is retried: it goes to the dead-letter queue at once. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
