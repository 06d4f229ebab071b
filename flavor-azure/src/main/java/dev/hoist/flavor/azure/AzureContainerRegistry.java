package dev.hoist.flavor.azure;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageName;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A registry in Azure Container Registry. */
public final class AzureContainerRegistry extends ContainerRegistry {

    AzureContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }

    /** The login server alone names no repository: docker would read 'x.azurecr.io:1.0' as a Docker Hub image. */
    @Override
    protected void prepareImagePush(String image) {
        String repository = ImageName.parse(image).repository();
        if (repository.indexOf('/') < 0) {
            throw new InvalidImageNameException(image, "it names the login server '" + repository
                    + "' but no repository in it; push it as '" + repository + "/<repository>'");
        }
    }
}
