package dev.obsaga.commons.faults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.faults")
public interface FaultsConfig {

    /**
     * Whether the fault-injection endpoints exist on the management interface. Off by default (and so in
     * production); on in the dev profile, in run-local.sh and in the tests.
     */
    @WithDefault("false")
    boolean enabled();
}
