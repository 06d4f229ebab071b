package dev.hoist.auth;

import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistrySettings;
import java.time.Duration;
import java.util.Map;

/** The credential chain of each registry, built fresh per call so files and variables are read anew. */
public final class CredentialChains {

    private final Map<String, ContainerRegistryFlavor> flavors;
    private final Environment environment;
    private final Duration helperTimeout;

    public CredentialChains(Map<String, ContainerRegistryFlavor> flavors, Environment environment, Duration helperTimeout) {
        this.flavors = Map.copyOf(flavors);
        this.environment = environment;
        this.helperTimeout = helperTimeout;
    }

    /** The chain of one configured registry, in the documented order. */
    public CredentialResolver forRegistry(RegistrySettings settings) {
        return RegistryCredentialSources.forRegistry(settings, flavors.get(settings.flavor()), environment, helperTimeout);
    }
}
