package dev.hoist.flavor.gcp;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import java.net.URI;

/**
 * The flavor for Google Cloud's registries: Artifact Registry, {@code <location>-docker.pkg.dev/<project>/<repository>},
 * and the older Container Registry, {@code gcr.io/<project>}.
 */
@AutoService(ContainerRegistryFlavor.class)
public final class GcpFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "gcp";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Google Artifact Registry (<location>-docker.pkg.dev/<project>/<repository>) and Container Registry (gcr.io/<project>)";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://cloud.google.com/artifact-registry/docs/docker");
    }

    @Override
    public String normalizeUri(String uri) {
        return GcpUris.normalize(uri);
    }

    @Override
    public ContainerRegistry create(RegistrySettings settings, RegistryContext context) {
        return new GcpContainerRegistry(settings, context);
    }
}
