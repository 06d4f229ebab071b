package dev.hoist.flavor.gcp;

import dev.hoist.push.InvalidImageNameException;
import dev.hoist.reference.ImageReference;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import dev.hoist.uri.RegistryUri;

/** A registry in Google Artifact Registry or Container Registry. */
public final class GcpContainerRegistry extends ContainerRegistry {

    /**
     * How many path components the container takes, which an image must go below: the project (two
     * components when domain-scoped) and, in Artifact Registry, the repository.
     */
    private final int containerDepth;
    private final String containerForm;

    GcpContainerRegistry(RegistrySettings settings, RegistryContext context) {
        super(settings, context);
        RegistryUri uri = RegistryUri.parse(uri());
        boolean artifactRegistry = GcpUris.isArtifactRegistry(uri.host().orElse(""));
        // A domain-scoped project ('example.com:my-project') takes two path components: 'example.com/my-project'.
        int projectDepth = GcpUris.projectComponents(uri.path());
        this.containerDepth = projectDepth + (artifactRegistry ? 1 : 0);
        String project = projectDepth == 2 ? uri.path().get(0) + "/<project>" : "<project>";
        String host = uri.hostAndPort().orElse("");
        this.containerForm = host + "/" + project + (artifactRegistry ? "/<repository>" : "");
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
