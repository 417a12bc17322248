package dev.obsaga.loadgen;

/** The run could not be set up (customers not registered, fault API not reachable, fault not applied). */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message);
    }
}
