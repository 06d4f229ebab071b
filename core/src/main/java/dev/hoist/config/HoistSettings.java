package dev.hoist.config;

import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of one Hoist instance.
 *
 * @param defaultRegistry the name of the registry used when none is named
 * @param registries every configured registry, by name, in a stable order
 * @param docker how to reach the Docker engine
 * @param credentialHelperTimeout how long a docker credential helper may take
 */
public record HoistSettings(String defaultRegistry, Map<String, RegistryDefinition> registries,
                            DockerSettings docker, java.time.Duration credentialHelperTimeout) {

    public HoistSettings {
        registries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(registries));
    }

    public Optional<RegistryDefinition> registry(String name) {
        return Optional.ofNullable(registries.get(name));
    }
}
