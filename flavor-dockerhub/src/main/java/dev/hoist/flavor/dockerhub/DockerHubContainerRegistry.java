package dev.hoist.flavor.dockerhub;

import dev.hoist.push.InvalidImageNameException;
import java.util.List;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A Docker Hub namespace. Its repositories are exactly {@code <namespace>/<repository>}, with no nesting. */
public final class DockerHubContainerRegistry extends ContainerRegistry {

    /** Docker Hub's documented rule for repository names. */
    static final String REPOSITORY_RULE = "a Docker Hub repository name is 2 to 255 lower-case letters, digits,"
            + " hyphens and underscores";
    private static final int MIN_REPOSITORY = 2;
    // The reference grammar caps the whole path, namespace included, at 255 before this can.
    private static final int MAX_REPOSITORY = 255;

    DockerHubContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }

    @Override
    protected void prepareImagePush(String image) {
        // The ownership check has refused the namespace alone: docker.io/<namespace> reads as library/<namespace>.
        List<String> below = componentsBelowUri(image);
        String name = String.join("/", below);
        if (below.size() > 1) {
            throw new InvalidImageNameException(image, "it nests '" + name + "' under '" + uri() + "', but Docker"
                    + " Hub repositories are exactly '<namespace>/<repository>', one level deep");
        }
        if (!isRepositoryName(name)) {
            throw new InvalidImageNameException(image, "its repository name '" + name + "' breaks Docker Hub's"
                    + " rule: " + REPOSITORY_RULE);
        }
    }

    private static boolean isRepositoryName(String name) {
        if (name.length() < MIN_REPOSITORY || name.length() > MAX_REPOSITORY) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }
}
