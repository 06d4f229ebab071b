package dev.hoist.flavor.azure;

import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/**
 * A registry in Azure Container Registry. It adds nothing to the base: the login server alone
 * ({@code x.azurecr.io:1.0}) reads as a Docker Hub image, so the ownership check already refuses it.
 */
public final class AzureContainerRegistry extends ContainerRegistry {

    AzureContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }
}
