package dev.hoist.flavor.github;

import java.util.List;
import java.util.Optional;

import dev.hoist.spi.PushHook;

import dev.hoist.spi.ComponentSettings;

import dev.hoist.spi.ComponentContext;

import dev.hoist.spi.CredentialSource;
import dev.hoist.api.EnvironmentCredentials;
import dev.hoist.api.RegistryUri;
import java.util.Map;
import com.google.auto.service.AutoService;
import dev.hoist.spi.ContainerRegistryFlavor;
import java.net.URI;

/** The flavor for GitHub's Container Registry: {@code ghcr.io/<owner>}, a user or organization, with an optional path. */
@AutoService(ContainerRegistryFlavor.class)
public final class GitHubFlavor implements ContainerRegistryFlavor {

    /** The name config uses for this flavor. */
    public static final String NAME = "github";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GitHub Container Registry: ghcr.io/<owner>, a user or organization";
    }

    @Override
    public URI docsUrl() {
        return URI.create("https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry");
    }

    @Override
    public String normalizeUri(String uri) {
        return GitHubUris.RULES.normalize(uri);
    }


    /** GitHub's Container Registry, {@code ghcr.io}: a reference there needs no configured registry. */
    @Override
    public List<String> hosts() {
        return List.of(GitHubUris.HOST);
    }

    /** {@code GITHUB_TOKEN} with {@code GITHUB_ACTOR}, as GitHub Actions provides them, for ghcr.io only. */
    @Override
    public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        return Map.of("github-token",
                EnvironmentCredentials.userAndSecret(environment, "GITHUB_ACTOR", "GITHUB_TOKEN", host::equalsIgnoreCase));
    }

    /** {@link GitHubPushRules}. */
    @Override
    public Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.of(new GitHubPushRules());
    }
}
