package dev.obsaga.commons.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long and how many verified bearer tokens are remembered (VerifiedTokens). */
@ConfigMapping(prefix = "obsaga.auth.token-cache")
public interface TokenCacheConfig {

    /** Tokens remembered at most; 0 verifies every token's signature on every call. */
    @WithDefault("10000")
    int maxSize();

    /**
     * A remembered token is checked again after this long even when it expires later: the bound on how long a
     * token signed by a key the issuer has since withdrawn from its JWKS is still accepted.
     */
    @WithDefault("2m")
    Duration maxAge();
}
