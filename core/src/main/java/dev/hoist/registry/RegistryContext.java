package dev.hoist.registry;

import dev.hoist.auth.CredentialResolver;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;

/**
 * What core gives the registries it builds: a transport, and the credential chain of each
 * registry. Bound by {@code HoistModule}; a test may supply its own.
 */
public interface RegistryContext {

    /** The engine transport and the registry-API transport. */
    Transports transports();

    /**
     * The transport a registry uses when its own {@code transport} setting is empty: {@code <root>.transport}.
     *
     * @return {@code engine} or {@code registry-api}, a {@link dev.hoist.push.TransportName#configName()}
     */
    String defaultTransport();

    /**
     * The credential chain of one registry, in the documented order.
     *
     * @param settings the registry's checked settings
     * @param flavor its flavor, for the flavor's own sources
     * @param host the registry host with its port, as docker writes it
     * @return the chain; asking it does the lookups
     */
    CredentialResolver credentials(ComponentSettings settings, ContainerRegistryFlavor flavor, String host);

    /**
     * A registry's full config path, for messages.
     *
     * @param registryName the registry's name
     * @return for example {@code hoist.registries.prod}
     */
    String path(String registryName);
}
