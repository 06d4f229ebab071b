package dev.hoist.inject;

import dev.hoist.auth.CredentialChains;
import dev.hoist.auth.CredentialResolution;
import dev.hoist.spi.ImagePusher;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** The context core gives every registry: the Docker engine, and credentials from every documented source. */
final class HoistRegistryContext implements RegistryContext {

    private final ImagePusher pusher;
    private final CredentialChains credentials;

    HoistRegistryContext(ImagePusher pusher, CredentialChains credentials) {
        this.pusher = pusher;
        this.credentials = credentials;
    }

    @Override
    public ImagePusher imagePusher() {
        return pusher;
    }

    @Override
    public CredentialResolution credentials(RegistrySettings registry, String host) {
        return credentials.forRegistry(registry).resolve(host);
    }
}
