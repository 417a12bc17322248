package dev.obsaga.commons.api;

import java.util.UUID;
import java.util.regex.Pattern;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemType;

/** Path and query ids arrive as text so a malformed one is a clear 400, not JAX-RS's silent 404. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static UUID parse(String name, String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw new ProblemException(ProblemType.INVALID_ID, "'" + name + "' must be a UUID.");
        }
        return UUID.fromString(text);
    }
}
