package dev.hoist.flavor.defaults;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.api.RegistryUri;
import java.net.URI;

/** The flavor for any registry that speaks the distribution API, with only the rules every flavor shares. */
@AutoService(ContainerRegistryFlavor.class)
public final class DefaultFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "default";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Any registry that speaks the distribution HTTP API, such as a local one";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://distribution.github.io/distribution/");
    }

    @Override
    public String normalizeUri(String uri) {
        return RegistryUri.parse(uri).normalized();
    }

}
