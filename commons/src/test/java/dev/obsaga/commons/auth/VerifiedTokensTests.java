package dev.obsaga.commons.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.obsaga.contracts.telemetry.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/** A token is verified once and then remembered until it expires; a token that fails is never remembered. */
class VerifiedTokensTests {

    /** Stands in for smallrye-jwt: "good-<seconds>" verifies and expires that many seconds from now. */
    static final class CountingVerifier implements VerifiedTokens.Verifier {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public JsonWebToken verify(String token) throws ParseException {
            checks.incrementAndGet();
            if (!token.startsWith("good-")) {
                throw new ParseException("signature does not match");
            }
            JwtClaims claims = new JwtClaims();
            claims.setSubject("operator");
            claims.setExpirationTime(NumericDate.fromSeconds(
                    Instant.now().getEpochSecond() + Long.parseLong(token.substring(5))));
            return new DefaultJWTCallerPrincipal(token, claims);
        }
    }

    @Test
    void aVerifiedTokenIsCheckedOnceAndCountedAsHits() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(2)).monitoredBy(registry);

        JsonWebToken first = tokens.parse("good-600", verifier);
        for (int i = 0; i < 5; i++) {
            assertSame(first, tokens.parse("good-600", verifier));
        }
        assertEquals(1, verifier.checks.get());
        assertEquals(5.0, registry.get("cache.gets").tag("cache", MetricNames.AUTH_TOKEN_CACHE)
                .tag("result", "hit").functionCounter().count());
        tokens.parse("good-601", verifier);
        assertEquals(2, verifier.checks.get(), "another token is verified on its own");
    }

    @Test
    void aTokenThatFailsIsCheckedEveryTime() {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) {
            assertThrows(ParseException.class, () -> tokens.parse("forged", verifier));
        }
        assertEquals(3, verifier.checks.get());
    }

    @Test
    void anEntryEndsWhenItsTokenExpires() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(2));
        Instant expiry = Instant.ofEpochSecond(tokens.parse("good-2", verifier).getExpirationTime());
        tokens.parse("good-2", verifier);
        assertEquals(1, verifier.checks.get());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry));
        tokens.parse("good-2", verifier);
        assertEquals(2, verifier.checks.get(), "an expired token goes back to smallrye-jwt, which rejects it");
    }

    @Test
    void maxAgeBoundsALongLivedToken() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMillis(300));
        tokens.parse("good-3600", verifier);
        Instant checked = Instant.now();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(checked.plusMillis(400)));
        tokens.parse("good-3600", verifier);
        assertEquals(2, verifier.checks.get());
    }

    @Test
    void sizeZeroRemembersNothing() throws Exception {
        CountingVerifier verifier = new CountingVerifier();
        VerifiedTokens off = new VerifiedTokens(0, Duration.ofMinutes(2));
        off.parse("good-600", verifier);
        off.parse("good-600", verifier);
        assertEquals(2, verifier.checks.get());
    }
}
