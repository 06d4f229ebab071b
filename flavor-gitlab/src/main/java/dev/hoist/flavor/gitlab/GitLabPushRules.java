package dev.hoist.flavor.gitlab;

import dev.hoist.spi.PushHook;
import java.util.List;

/** GitLab's rule for pushes: image names go at most {@value #MAX_DEPTH_KEY} levels below the project. */
final class GitLabPushRules implements PushHook {

    static final String MAX_DEPTH_KEY = "max-path-depth-below-project";

    private final int maxDepthBelowProject;

    GitLabPushRules(int maxDepthBelowProject) {
        this.maxDepthBelowProject = maxDepthBelowProject;
    }

    @Override
    public void beforePush(Target target) {
        List<String> below = target.belowUri();
        int depth = below.size();
        if (depth > maxDepthBelowProject) {
            throw target.refuse("it goes " + depth + " levels below the project '" + target.uri()
                    + "' ('" + String.join("/", below) + "'), but GitLab allows at most " + maxDepthBelowProject
                    + " (setting " + MAX_DEPTH_KEY + " of registry '" + target.registry() + "')");
        }
    }
}
