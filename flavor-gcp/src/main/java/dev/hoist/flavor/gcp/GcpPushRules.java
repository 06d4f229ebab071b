package dev.hoist.flavor.gcp;

import dev.hoist.api.RegistryUri;
import dev.hoist.spi.PushHook;

/**
 * Google's rule for pushes: images live inside a project (two path components when the project is
 * domain-scoped, {@code example.com/my-project}) and, in Artifact Registry, a repository; never as
 * the container itself.
 */
final class GcpPushRules implements PushHook {

    @Override
    public void beforePush(Target target) {
        RegistryUri uri = RegistryUri.parse(target.uri());
        boolean artifactRegistry = GcpUris.isArtifactRegistry(uri.host().orElse(""));
        int projectDepth = GcpUris.projectComponents(uri.path());
        int containerDepth = projectDepth + (artifactRegistry ? 1 : 0);
        String project = projectDepth == 2 ? uri.path().get(0) + "/<project>" : "<project>";
        String host = uri.hostAndPort().orElse("");
        String containerForm = host + "/" + project + (artifactRegistry ? "/<repository>" : "");
        int depth = target.repository().split("/").length;
        if (depth <= containerDepth) {
            throw target.refuse("it names '" + host + "/" + target.repository() + "', which is " + containerForm
                    + " itself; Google's registries keep images inside it, as '" + containerForm + "/<image>'");
        }
    }
}
