package dev.hoist.flavor.github;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.uri.RegistryUri;
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
        // The URI is ghcr.io/<owner>[/...]; an image exactly at the URI names no package.
        if (componentsBelowUri(image).isEmpty() && RegistryUri.parse(uri()).path().size() == 1) {
            throw new InvalidImageNameException(image, "it names the owner '" + uri() + "' but no package;"
                    + " GitHub's images are '" + uri() + "/<image>'");
        }
    }
}
