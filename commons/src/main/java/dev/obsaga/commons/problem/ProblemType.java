package dev.obsaga.commons.problem;

import java.net.URI;

/** The catalogue of problem types; the README lists them with the status each one answers. */
public enum ProblemType {
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    MALFORMED_JSON(400, "malformed-json", "The request body is not valid JSON for this resource"),
    INVALID_ID(400, "invalid-id", "The identifier is not a UUID"),
    UNAUTHORIZED(401, "unauthorized", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "The token does not allow this"),
    NOT_FOUND(404, "not-found", "The resource does not exist"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The requested media type cannot be produced"),
    CONFLICT(409, "conflict", "The resource already exists"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    UNPROCESSABLE(422, "unprocessable", "The request cannot be processed"),
    UNKNOWN_CUSTOMER(422, "unknown-customer", "The customer does not exist"),
    BAD_REQUEST(400, "bad-request", "The request is not valid"),
    INTERNAL_ERROR(500, "internal-error", "An unexpected error occurred"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "A dependency is unavailable, retry later");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(Problem.TYPE_BASE + slug);
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != UNKNOWN_CUSTOMER && type != INVALID_ID && type != MALFORMED_JSON
                    && type != VALIDATION_FAILED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}
