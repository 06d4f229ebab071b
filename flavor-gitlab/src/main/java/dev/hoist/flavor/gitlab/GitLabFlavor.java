package dev.hoist.flavor.gitlab;

import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistry;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import java.net.URI;

/**
 * The flavor for GitLab's Container Registry, on GitLab.com ({@code registry.gitlab.com}) or on a
 * self-managed instance's own registry host: {@code <host>/<group>[/<subgroup>...]/<project>}.
 */
@AutoService(ContainerRegistryFlavor.class)
public final class GitLabFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "gitlab";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitLab Container Registry, GitLab.com or self-managed: <host>/<group>[/<subgroup>...]/<project>";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.gitlab.com/ee/user/packages/container_registry/");
    }

    @Override
    public String normalizeUri(String uri) {
        return GitLabUris.normalize(uri);
    }

    @Override
    public ContainerRegistry create(RegistrySettings settings, RegistryContext context) {
        return new GitLabContainerRegistry(settings, context);
    }
}
