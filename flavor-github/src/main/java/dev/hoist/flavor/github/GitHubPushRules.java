package dev.hoist.flavor.github;

import dev.hoist.api.RegistryUri;
import dev.hoist.spi.PushHook;

/** GitHub's rule for pushes: an image exactly at the owner URI {@code ghcr.io/<owner>} names no package. */
final class GitHubPushRules implements PushHook {

    @Override
    public void beforePush(Target target) {
        if (target.belowUri().isEmpty() && RegistryUri.parse(target.uri()).path().size() == 1) {
            throw target.refuse("it names the owner '" + target.uri() + "' but no package;"
                    + " GitHub's images are '" + target.uri() + "/<image>'");
        }
    }
}
