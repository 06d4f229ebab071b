package dev.hoist.flavor.dockerhub;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageName;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A Docker Hub namespace. Its repositories are exactly {@code <namespace>/<repository>}, with no nesting. */
public final class DockerHubContainerRegistry extends ContainerRegistry {

    /** Docker Hub's documented rule for repository names. */
    static final String REPOSITORY_RULE = "a Docker Hub repository name is 2 to 255 lower-case letters, digits,"
            + " hyphens and underscores";
    private static final int MIN_REPOSITORY = 2;
    private static final int MAX_REPOSITORY = 255;

    DockerHubContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
    }

    @Override
    protected void prepareImagePush(String image) {
        String repository = ImageName.parse(image).repository();
        // pushImage has checked that the image is under uri(), so this is "" or "/..." after the namespace.
        String below = repository.substring(uri().length());
        if (below.isEmpty()) {
            throw new InvalidImageNameException(image, "it names the namespace '" + uri() + "' but no repository"
                    + " in it; Docker Hub images are '" + uri() + "/<repository>'");
        }
        String name = below.substring(1);
        if (name.indexOf('/') >= 0) {
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
