package com.example.hoist.acme;

import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/**
 * The flavor of docs/writing-a-flavor.md, reduced to what its URI examples need: the guide's
 * {@code AcmeUris} (a verbatim copy, checked by {@link DocumentedExamplesTest}) behind {@code normalizeUri}.
 */
public final class AcmeFlavor implements ContainerRegistryFlavor {

    @Override
    public String name() {
        return "acme";
    }

    @Override
    public String description() {
        return "Acme Registry: registry.acme.example/<team>";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.acme.example/registry");
    }

    @Override
    public String normalizeUri(String uri) {
        return AcmeUris.RULES.normalize(uri);
    }
}
