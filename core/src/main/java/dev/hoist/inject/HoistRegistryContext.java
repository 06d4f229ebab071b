package dev.hoist.inject;

import dev.hoist.auth.CredentialResolver;
import dev.hoist.auth.Environment;
import dev.hoist.auth.RegistryCredentialSources;
import dev.hoist.registry.Transports;
import dev.hoist.registry.RegistryContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.time.Duration;

/** The context core gives every registry: the transport, and credentials from every documented source. */
final class HoistRegistryContext implements RegistryContext {

    private final Transports transports;
    private final String defaultTransport;
    private final Environment environment;
    private final Duration helperTimeout;
    private final String helperTimeoutSetting;
    private final String registriesPath;
    private final java.nio.file.Path dockerConfigDir;

    HoistRegistryContext(Transports transports, String defaultTransport, Environment environment, Duration helperTimeout,
                         String helperTimeoutSetting, String registriesPath, java.nio.file.Path dockerConfigDir) {
        this.helperTimeoutSetting = helperTimeoutSetting;
        this.transports = transports;
        this.defaultTransport = defaultTransport;
        this.environment = environment;
        this.helperTimeout = helperTimeout;
        this.registriesPath = registriesPath;
        this.dockerConfigDir = dockerConfigDir;
    }

    @Override
    public Transports transports() {
        return transports;
    }

    @Override
    public String defaultTransport() {
        return defaultTransport;
    }

    @Override
    public CredentialResolver credentials(ComponentSettings settings, ContainerRegistryFlavor flavor, String host) {
        return RegistryCredentialSources.forRegistry(path(settings.name()), settings.config(), flavor,
                host, environment, helperTimeout, dockerConfigDir, helperTimeoutSetting);
    }

    @Override
    public String path(String registryName) {
        return registriesPath + "." + dev.hoist.config.ComponentValues.quoteKey(registryName);
    }
}
