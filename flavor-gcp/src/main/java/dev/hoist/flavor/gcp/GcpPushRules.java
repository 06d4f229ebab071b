package dev.hoist.flavor.gcp;

import dev.hoist.api.RegistryUri;
import dev.hoist.spi.PushHook;

/** Google's rule for pushes: images live inside a project (and an Artifact Registry repository), never as the container itself. */
final class GcpPushRules implements PushHook {

    @Override
    public void beforePush(Target target) {
        RegistryUri uri = RegistryUri.parse(target.uri());
        boolean artifactRegistry = GcpUris.isArtifactRegistry(uri.host().orElse(""));
        int containerDepth = artifactRegistry ? 2 : 1;
        String host = uri.hostAndPort().orElse("");
        String containerForm = artifactRegistry ? host + "/<project>/<repository>" : host + "/<project>";
        int depth = target.repository().split("/").length;
        if (depth <= containerDepth) {
            throw target.refuse("it names '" + host + "/" + target.repository() + "', which is " + containerForm
                    + " itself; Google's registries keep images inside it, as '" + containerForm + "/<image>'");
        }
    }
}
