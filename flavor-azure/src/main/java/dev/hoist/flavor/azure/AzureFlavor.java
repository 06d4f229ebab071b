package dev.hoist.flavor.azure;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import java.net.URI;

/** The flavor for Azure Container Registry: a login server {@code <name>.azurecr.io}, with an optional path. */
@AutoService(ContainerRegistryFlavor.class)
public final class AzureFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "azure";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Azure Container Registry: <name>.azurecr.io, or .azurecr.cn / .azurecr.us in the sovereign clouds";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://learn.microsoft.com/azure/container-registry/");
    }

    @Override
    public String normalizeUri(String uri) {
        return AzureUris.normalize(uri);
    }

    @Override
    public ContainerRegistry create(RegistrySettings settings, RegistryContext context) {
        return new AzureContainerRegistry(settings, context);
    }
}
