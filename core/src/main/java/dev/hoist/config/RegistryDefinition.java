package dev.hoist.config;

import dev.hoist.spi.RegistrySettings;

/**
 * A registry entry of the configuration that passed validation.
 *
 * @param settings what its flavor receives; the URI is already normalised
 * @param origin where it was defined ({@code file:line})
 */
public record RegistryDefinition(RegistrySettings settings, String origin) {

    public String name() {
        return settings.name();
    }

    public String flavor() {
        return settings.flavor();
    }
}
