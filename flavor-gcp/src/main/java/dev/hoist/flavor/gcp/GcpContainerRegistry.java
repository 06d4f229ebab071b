package dev.hoist.flavor.gcp;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageReference;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import dev.hoist.uri.RegistryUri;

/** A registry in Google Artifact Registry or Container Registry. */
public final class GcpContainerRegistry extends ContainerRegistry {

    /** The path an image needs at least: project and repository in Artifact Registry, project in gcr.io. */
    private final int containerDepth;
    private final String containerForm;

    GcpContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
        RegistryUri uri = RegistryUri.parse(uri());
        boolean artifactRegistry = GcpUris.isArtifactRegistry(uri.host().orElse(""));
        this.containerDepth = artifactRegistry ? 2 : 1;
        String host = uri.hostAndPort().orElse("");
        this.containerForm = artifactRegistry ? host + "/<project>/<repository>" : host + "/<project>";
    }

    /** Images live inside a project (and an Artifact Registry repository), never as the container itself. */
    @Override
    protected void prepareImagePush(String image) {
        ImageReference reference = ImageReference.parse(image);
        String repository = reference.name();
        int depth = reference.repository().split("/").length;
        if (depth <= containerDepth) {
            throw new InvalidImageNameException(image, "it names '" + repository + "', which is "
                    + containerForm + " itself; Google's registries keep images inside it, as '"
                    + containerForm + "/<image>'");
        }
    }
}
