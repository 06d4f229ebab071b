package dev.hoist.flavor.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistryCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubCredentialSourcesTest {

    private static final Map<String, String> ACTIONS = Map.of("GITHUB_ACTOR", "octocat", "GITHUB_TOKEN", "ghs_s3cret");

    private static CredentialSource source(Map<String, String> environment) {
        Map<String, CredentialSource> sources = new GitHubFlavor().credentialSources("ghcr.io", environment);
        assertThat(sources).containsOnlyKeys("github-token");
        return sources.get("github-token");
    }

    @Test
    void theActionsTokenGoesToGhcrOnly() {
        RegistryCredentials credentials = source(ACTIONS).lookup("ghcr.io").orElseThrow();
        assertThat(credentials.username()).isEqualTo("octocat");
        assertThat(credentials.password().orElseThrow().reveal()).isEqualTo("ghs_s3cret");
        assertThat(credentials.source()).isEqualTo("environment GITHUB_TOKEN (user from GITHUB_ACTOR)");
        assertThat(credentials.toString()).doesNotContain("ghs_s3cret");
        assertThat(source(ACTIONS).lookup("docker.io")).isEmpty();
        assertThat(source(ACTIONS).lookup("ghcr.io.evil.example")).isEmpty();
    }

    @Test
    void bothVariablesAreNeeded() {
        assertThat(source(Map.of("GITHUB_TOKEN", "t")).lookup("ghcr.io")).isEmpty();
        assertThat(source(Map.of("GITHUB_ACTOR", "a", "GITHUB_TOKEN", " ")).lookup("ghcr.io")).isEmpty();
    }
}
