package dev.hoist.flavor.gitlab;

import com.typesafe.config.ConfigValue;
import dev.hoist.HoistException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageName;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;

/** A GitLab project's container registry. GitLab limits how deep image names go below the project. */
public final class GitLabContainerRegistry extends ContainerRegistry {

    static final String MAX_DEPTH_KEY = "max-path-depth-below-project";

    private final int maxDepthBelowProject;

    GitLabContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
        this.maxDepthBelowProject = settings.config().getInt(MAX_DEPTH_KEY);
        if (maxDepthBelowProject < 0) {
            ConfigValue value = settings.config().getValue(MAX_DEPTH_KEY);
            throw new HoistException("Registry '" + settings.name() + "' sets " + MAX_DEPTH_KEY + " = "
                    + maxDepthBelowProject + " (" + value.origin().description() + "); it counts path levels,"
                    + " so it is 0 or more.");
        }
    }

    @Override
    protected void prepareImagePush(String image) {
        String repository = ImageName.parse(image).repository();
        // pushImage has checked that the image is under uri(), so this is "" or "/a/b" below the project.
        String below = repository.substring(uri().length());
        int depth = 0;
        for (int i = 0; i < below.length(); i++) {
            if (below.charAt(i) == '/') {
                depth++;
            }
        }
        if (depth > maxDepthBelowProject) {
            throw new InvalidImageNameException(image, "it goes " + depth + " levels below the project '" + uri()
                    + "' ('" + below.substring(1) + "'), but GitLab allows at most " + maxDepthBelowProject
                    + " (setting " + MAX_DEPTH_KEY + " of registry '" + name() + "')");
        }
    }
}
