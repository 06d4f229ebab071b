package dev.hoist.inject;

import dev.hoist.auth.CredentialResolver;
import dev.hoist.auth.Environment;
import dev.hoist.auth.RegistryCredentialSources;
import dev.hoist.registry.ImagePusher;
import dev.hoist.registry.RegistryContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.time.Duration;

/** The context core gives every registry: the transport, and credentials from every documented source. */
final class HoistRegistryContext implements RegistryContext {

    private final ImagePusher pusher;
    private final Environment environment;
    private final Duration helperTimeout;
    private final String registriesPath;

    HoistRegistryContext(ImagePusher pusher, Environment environment, Duration helperTimeout, String registriesPath) {
        this.pusher = pusher;
        this.environment = environment;
        this.helperTimeout = helperTimeout;
        this.registriesPath = registriesPath;
    }

    @Override
    public ImagePusher imagePusher() {
        return pusher;
    }

    @Override
    public CredentialResolver credentials(ComponentSettings settings, ContainerRegistryFlavor flavor, String host) {
        return RegistryCredentialSources.forRegistry(path(settings.name()), settings.config(), flavor,
                host, environment, helperTimeout);
    }

    @Override
    public String path(String registryName) {
        return registriesPath + "." + dev.hoist.config.ComponentValues.quoteKey(registryName);
    }
}
