package dev.hoist.flavor.gitlab;

import dev.hoist.auth.CredentialSource;
import dev.hoist.auth.EnvironmentCredentials;
import dev.hoist.uri.RegistryUri;
import java.util.Map;
import java.util.LinkedHashMap;
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
        return GitLabUris.RULES.normalize(uri);
    }

    @Override
    public ContainerRegistry create(RegistrySettings settings, RegistryContext context) {
        return new GitLabContainerRegistry(settings, context);
    }

    /**
     * GitLab CI's own credentials, for the instance's registry only ({@code CI_REGISTRY}, or
     * registry.gitlab.com when that is unset): {@code CI_REGISTRY_USER} with {@code CI_REGISTRY_PASSWORD},
     * else {@code CI_JOB_TOKEN} as user {@code gitlab-ci-token}.
     */
    @Override
    public Map<String, CredentialSource> credentialSources(RegistrySettings settings, Map<String, String> environment) {
        String ciRegistry = environment.getOrDefault("CI_REGISTRY", "");
        String instanceRegistry = ciRegistry.isBlank() ? "registry.gitlab.com" : ciRegistry.strip();
        Map<String, CredentialSource> sources = new LinkedHashMap<>();
        sources.put("gitlab-ci-registry", EnvironmentCredentials.userAndSecret(environment, "CI_REGISTRY_USER",
                "CI_REGISTRY_PASSWORD", host -> !ciRegistry.isBlank() && host.equalsIgnoreCase(ciRegistry.strip())));
        sources.put("gitlab-job-token", EnvironmentCredentials.fixedUser(environment, "gitlab-ci-token", "CI_JOB_TOKEN",
                instanceRegistry::equalsIgnoreCase));
        return sources;
    }
}
