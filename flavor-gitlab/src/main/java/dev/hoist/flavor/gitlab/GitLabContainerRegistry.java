package dev.hoist.flavor.gitlab;

import com.typesafe.config.ConfigValue;
import dev.hoist.HoistException;
import dev.hoist.push.InvalidImageNameException;
import java.util.List;
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
        List<String> below = componentsBelowUri(image);
        int depth = below.size();
        if (depth > maxDepthBelowProject) {
            throw new InvalidImageNameException(image, "it goes " + depth + " levels below the project '" + uri()
                    + "' ('" + String.join("/", below) + "'), but GitLab allows at most " + maxDepthBelowProject
                    + " (setting " + MAX_DEPTH_KEY + " of registry '" + name() + "')");
        }
    }
}
