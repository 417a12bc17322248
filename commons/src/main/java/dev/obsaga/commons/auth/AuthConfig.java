package dev.obsaga.commons.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.auth")
public interface AuthConfig {

    /** False only for experiments: every API call is then treated as an operator's (WARN at start-up, a metric). */
    @WithDefault("true")
    boolean enabled();
}
