package dev.obsaga.commons.resilience;

/**
 * A dependency (another service, the database) cannot be reached right now. The work is sound and will succeed
 * once the dependency is back: a consumer waits and retries it instead of dead-lettering it, an API answers 503.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable: " + cause, cause, false, false);
    }
}
