package dev.obsaga.commons.problem;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.obsaga.commons.redaction.Redactor;
import dev.obsaga.commons.resilience.Unavailability;

/**
 * Turns every failure of every REST endpoint into application/problem+json. Client errors log one WARN line
 * (no stack trace: the request was wrong, not the service); anything else logs one ERROR with the stack trace
 * and answers a generic 500 that reveals nothing of the internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** What a 503 for a dependency outage tells the client to wait: about one reconnection attempt of the pool. */
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(2);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem problem = Problem.of(e.type(), e.getMessage(), e.errors());
        Response.ResponseBuilder response = build(problem, uri);
        if (e.retryAfter() != null) {
            response.header("Retry-After", Math.max(1, e.retryAfter().toSeconds()));
        }
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        if (problem.status() >= 500) {
            LOG.warnf("%s %s -> %d: %s%s", "request", path(uri), problem.status(), e.getMessage(),
                    e.getCause() == null ? "" : " (" + Redactor.redact(String.valueOf(e.getCause())) + ")");
        } else {
            warn(uri, problem);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        Problem problem = Problem.of(ProblemType.VALIDATION_FAILED,
                errors.size() == 1 ? "1 field is not valid" : errors.size() + " fields are not valid", errors);
        warn(uri, problem);
        return build(problem, uri).build();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class,
            StreamConstraintsException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        Problem problem = Problem.of(ProblemType.MALFORMED_JSON, describe(e), fieldErrors(e));
        warn(uri, problem);
        return build(problem, uri).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Problem problem = new Problem(type.uri(), type.title(), status, Redactor.redact(e.getMessage()), null,
                List.of());
        warn(uri, problem);
        Response.ResponseBuilder response = build(problem, uri);
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            response.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Unavailability.isCause(e)) {
            // The database (or another dependency) is down: the request was fine and will succeed later.
            return problem(ProblemException.unavailable("A dependency of this service is unavailable; retry later.",
                    UNAVAILABLE_RETRY_AFTER, e), uri);
        }
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return build(Problem.of(ProblemType.INTERNAL_ERROR, "The request could not be completed."), uri).build();
    }

    private static Response.ResponseBuilder build(Problem problem, UriInfo uri) {
        Problem withInstance = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                path(uri), problem.errors());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
    }

    private static void warn(UriInfo uri, Problem problem) {
        LOG.warnf("Rejected request %s -> %d %s: %s%s", path(uri), problem.status(), problem.title(),
                Redactor.redact(problem.detail()),
                problem.errors() == null || problem.errors().isEmpty() ? ""
                        : " " + problem.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
    }

    private static String path(UriInfo uri) {
        return uri == null ? "" : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            // The method and its body parameter say nothing to a client; the path inside the body does.
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "The JSON document exceeds the allowed nesting depth or size.";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "A field has the wrong type; expected " + simpleType(mismatch.getTargetType()) + ".";
        }
        if (e instanceof JsonParseException) {
            return "The body is not well-formed JSON.";
        }
        return "The body cannot be read as this resource.";
    }

    private static List<Problem.FieldError> fieldErrors(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return List.of(new Problem.FieldError(field.toString(), describe(e)));
        }
        return List.of();
    }

    private static String simpleType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
