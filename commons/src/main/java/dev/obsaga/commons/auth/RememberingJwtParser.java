package dev.obsaga.commons.auth;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * smallrye-jwt's parser, remembering what it verified (VerifiedTokens): on an event loop without C2 an RS256
 * signature check is the largest single cost of an API call, and clients send the same token call after call.
 * The other methods (explicit keys, decryption) go to smallrye-jwt unchanged.
 */
@Decorator
@Priority(1)
public abstract class RememberingJwtParser implements JWTParser {

    private final JWTParser parser;
    private final VerifiedTokens verified;

    @Inject
    RememberingJwtParser(@Delegate @Any JWTParser parser, TokenCacheConfig config, MeterRegistry registry) {
        this.parser = parser;
        this.verified = new VerifiedTokens(config.maxSize(), config.maxAge()).monitoredBy(registry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.parse(token, parser::parse);
    }
}
