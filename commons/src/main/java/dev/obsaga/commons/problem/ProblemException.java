package dev.obsaga.commons.problem;

import java.time.Duration;
import java.util.List;

/** Thrown by application code for an expected failure that the client must see as a problem. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), null, null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Duration retryAfter,
            Throwable cause) {
        super(detail, cause, false, false);
        this.type = type;
        this.errors = errors;
        this.retryAfter = retryAfter;
    }

    public static ProblemException unavailable(String detail, Duration retryAfter, Throwable cause) {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, detail, List.of(), retryAfter, cause);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "1 field is not valid",
                List.of(new Problem.FieldError(field, message)), null, null);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
