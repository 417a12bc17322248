package dev.obsaga.commons.auth;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer tokens already verified, each until it expires (or {@code maxAge} passes), so a client that sends its
 * token with every call pays for one signature check instead of one per call. Only verified tokens are kept, keyed
 * by the whole token, so a forged or altered token is never a hit; a token that fails is checked every time.
 */
final class VerifiedTokens {

    /** The real check: signature, issuer, audience, expiry (smallrye-jwt). */
    @FunctionalInterface
    interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private final Cache<String, JsonWebToken> verified;
    /** Caffeine evicts a size-0 cache's entries later, on another thread: 0 must mean "not even for a moment". */
    private final boolean remembers;

    VerifiedTokens(int maxSize, Duration maxAge) {
        this.remembers = maxSize > 0;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(untilExpiryOr(maxAge))
                .recordStats()
                .build();
    }

    VerifiedTokens monitoredBy(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, verified, MetricNames.AUTH_TOKEN_CACHE);
        return this;
    }

    JsonWebToken parse(String token, Verifier verifier) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken jwt = verifier.verify(token);
        if (remembers && jwt.getExpirationTime() > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** An entry lives until its token's {@code exp}, and no longer than {@code maxAge}. */
    private static Expiry<String, JsonWebToken> untilExpiryOr(Duration maxAge) {
        return Expiry.creating((token, jwt) -> {
            long untilExpiry = TimeUnit.SECONDS.toMillis(jwt.getExpirationTime()) - System.currentTimeMillis();
            return Duration.ofMillis(Math.max(0, Math.min(untilExpiry, maxAge.toMillis())));
        });
    }
}
