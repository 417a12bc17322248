package dev.obsaga.commons.auth;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.obsaga.commons.problem.ProblemException;
import dev.obsaga.commons.problem.ProblemMappers;
import dev.obsaga.commons.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * A token that is missing, malformed, expired, unsigned ({@code alg: none}) or signed by another key answers 401
 * problem+json with one WARN line that names neither the token nor why it failed in detail (the reason is the
 * framework's DEBUG log, never the token itself).
 */
public class AuthProblemMappers {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return problems.problem(new ProblemException(ProblemType.UNAUTHORIZED,
                "The bearer token is missing, expired or not valid."), uri);
    }
}
