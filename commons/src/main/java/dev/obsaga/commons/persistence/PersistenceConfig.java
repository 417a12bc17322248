package dev.obsaga.commons.persistence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "obsaga.persistence")
public interface PersistenceConfig {

    /** The PostgreSQL schema that holds this service's tables; must match the search_path of the pool. */
    String schema();

    /** How long start-up waits for a lock on the schema (another instance migrating it) before it fails. */
    @WithDefault("60s")
    Duration bootstrapTimeout();
}
