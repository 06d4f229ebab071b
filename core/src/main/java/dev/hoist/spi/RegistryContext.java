package dev.hoist.spi;

import dev.hoist.auth.CredentialResolution;

/** The host's services that a registry may use. Hoist adds methods here as defaults only. */
public interface RegistryContext {

    /** Pushes images that are already in the local container engine. */
    ImagePusher imagePusher();

    /**
     * The credentials for a registry's host, and where they came from. Hoist's own context
     * asks every credential source in the documented order; a context without sources, as a
     * test may build, resolves to anonymous.
     *
     * @param settings the registry asking
     * @param host the registry host with its port, as docker writes it
     */
    default CredentialResolution credentials(RegistrySettings settings, String host) {
        return CredentialResolution.anonymous(host);
    }
}
