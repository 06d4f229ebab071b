package dev.hoist.testkit;

import dev.hoist.api.RegistryUri;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/** A flavor of the shared URI rules only, so that its registry may be {@link RegistryServer}'s loopback address; not registered as a service (see {@link RegistryServerTest}). */
public final class LoopbackFlavor implements ContainerRegistryFlavor {

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public String description() {
        return "Any registry, for the test kit's own tests";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://example.invalid/loopback");
    }

    @Override
    public String normalizeUri(String uri) {
        return RegistryUri.parse(uri).normalized();
    }
}
