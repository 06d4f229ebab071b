package dev.hoist.flavor.dockerhub;

import dev.hoist.spi.PushHook;
import java.util.List;

/** Docker Hub's rule for pushes: repositories are exactly {@code <namespace>/<repository>}, with no nesting. */
final class DockerHubPushRules implements PushHook {

    /** Docker Hub's documented rule for repository names. */
    static final String REPOSITORY_RULE = "a Docker Hub repository name is 2 to 255 lower-case letters, digits,"
            + " hyphens and underscores";
    private static final int MIN_REPOSITORY = 2;
    // The reference grammar caps the whole path, namespace included, at 255 before this can.
    private static final int MAX_REPOSITORY = 255;

    @Override
    public void beforePush(Target target) {
        // The ownership check has refused the namespace alone: docker.io/<namespace> reads as library/<namespace>.
        List<String> below = target.belowUri();
        String name = String.join("/", below);
        if (below.size() > 1) {
            throw target.refuse("it nests '" + name + "' under '" + target.uri() + "', but Docker"
                    + " Hub repositories are exactly '<namespace>/<repository>', one level deep");
        }
        if (!isRepositoryName(name)) {
            throw target.refuse("its repository name '" + name + "' breaks Docker Hub's rule: " + REPOSITORY_RULE);
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
