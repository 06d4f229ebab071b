package dev.hoist.flavor.gitlab;

import com.typesafe.config.ConfigValueType;

import com.typesafe.config.ConfigValue;

import java.util.List;

import dev.hoist.spi.SettingProblem;

import java.util.Optional;

import dev.hoist.spi.PushHook;

import dev.hoist.spi.ComponentSettings;

import dev.hoist.spi.ComponentContext;

import dev.hoist.spi.CredentialSource;
import dev.hoist.api.EnvironmentCredentials;
import dev.hoist.api.RegistryUri;
import java.util.Map;
import java.util.LinkedHashMap;
import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
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


    /**
     * GitLab CI's own credentials, for the instance's registry only ({@code CI_REGISTRY}, or
     * registry.gitlab.com when that is unset): {@code CI_REGISTRY_USER} with {@code CI_REGISTRY_PASSWORD},
     * else {@code CI_JOB_TOKEN} as user {@code gitlab-ci-token}.
     */
    /**
     * GitLab.com's registry, {@code registry.gitlab.com}. A self-managed GitLab's registry runs on a host of its own,
     * which no flavor can know: configure a registry of this flavor for it.
     */
    @Override
    public List<String> hosts() {
        return List.of(GitLabUris.GITLAB_COM_REGISTRY);
    }

    @Override
    public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        String ciRegistry = environment.getOrDefault("CI_REGISTRY", "");
        String instanceRegistry = ciRegistry.isBlank() ? "registry.gitlab.com" : ciRegistry.strip();
        Map<String, CredentialSource> sources = new LinkedHashMap<>();
        sources.put("gitlab-ci-registry", EnvironmentCredentials.userAndSecret(environment, "CI_REGISTRY_USER",
                "CI_REGISTRY_PASSWORD", asked -> !ciRegistry.isBlank() && asked.equalsIgnoreCase(ciRegistry.strip())));
        sources.put("gitlab-job-token", EnvironmentCredentials.fixedUser(environment, "gitlab-ci-token", "CI_JOB_TOKEN",
                instanceRegistry::equalsIgnoreCase));
        return sources;
    }

    /** {@code max-path-depth-below-project} counts path levels: an integer, 0 or more. */
    @Override
    public List<SettingProblem> check(ComponentSettings settings) {
        String key = GitLabPushRules.MAX_DEPTH_KEY;
        ConfigValue value = settings.config().hasPath(key) ? settings.config().getValue(key) : null;
        if (value == null || value.valueType() != ConfigValueType.NUMBER || !(value.unwrapped() instanceof Integer depth)
                || depth < 0) {
            return List.of(new SettingProblem(key, "Expected a whole number of path levels, 0 or more, like 2; found "
                    + (value == null ? "nothing" : value.valueType().name().toLowerCase(java.util.Locale.ROOT)
                    + (value.valueType() == ConfigValueType.NUMBER ? " " + value.unwrapped() : "")) + "."));
        }
        return List.of();
    }

    /** {@link GitLabPushRules}, with the registry's {@code max-path-depth-below-project}. */
    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.of(new GitLabPushRules(settings.config().getInt(GitLabPushRules.MAX_DEPTH_KEY)));
    }
}
