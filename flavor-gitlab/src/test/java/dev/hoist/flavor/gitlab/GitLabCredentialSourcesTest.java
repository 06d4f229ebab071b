package dev.hoist.flavor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistryCredentials;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitLabCredentialSourcesTest {

    private static Optional<RegistryCredentials> first(Map<String, String> environment, String host) {
        Map<String, CredentialSource> sources = new GitLabFlavor().credentialSources(host, environment);
        assertThat(sources.keySet()).containsExactly("gitlab-ci-registry", "gitlab-job-token");
        return sources.values().stream().map(s -> s.lookup(host)).flatMap(Optional::stream).findFirst();
    }

    @Test
    void theCiRegistryUserAndPasswordWhenCiRegistryIsThisHost() {
        Map<String, String> ci = Map.of("CI_REGISTRY", "gitlab.example.com:5050", "CI_REGISTRY_USER", "gitlab-ci-token",
                "CI_REGISTRY_PASSWORD", "pw", "CI_JOB_TOKEN", "job");
        RegistryCredentials credentials = first(ci, "gitlab.example.com:5050").orElseThrow();
        assertThat(credentials.password().orElseThrow().reveal()).isEqualTo("pw");
        assertThat(credentials.source()).isEqualTo("environment CI_REGISTRY_PASSWORD (user from CI_REGISTRY_USER)");
        assertThat(first(ci, "registry.gitlab.com")).isEmpty();
    }

    @Test
    void elseTheJobTokenAsGitlabCiToken() {
        Map<String, String> ci = Map.of("CI_REGISTRY", "gitlab.example.com:5050", "CI_JOB_TOKEN", "job");
        RegistryCredentials credentials = first(ci, "gitlab.example.com:5050").orElseThrow();
        assertThat(credentials.username()).isEqualTo("gitlab-ci-token");
        assertThat(credentials.password().orElseThrow().reveal()).isEqualTo("job");
        assertThat(first(Map.of("CI_JOB_TOKEN", "job"), "registry.gitlab.com")).isPresent();
        assertThat(first(Map.of("CI_JOB_TOKEN", "job"), "gitlab.example.com:5050")).isEmpty();
    }
}
