package dev.hoist.flavor.github;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageName;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A user's or organization's space in GitHub's Container Registry. */
public final class GitHubContainerRegistry extends ContainerRegistry {

    GitHubContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }

    /** A package is named inside its owner, {@code ghcr.io/<owner>/<image>}; the owner alone is no package. */
    @Override
    protected void prepareImagePush(String image) {
        String repository = ImageName.parse(image).repository();
        // The URI has host and owner, and pushImage has checked the image is under it: two parts at least.
        if (repository.split("/").length < 3) {
            throw new InvalidImageNameException(image, "it names the owner '" + repository + "' but no package;"
                    + " GitHub's images are '" + repository + "/<image>'");
        }
    }
}
