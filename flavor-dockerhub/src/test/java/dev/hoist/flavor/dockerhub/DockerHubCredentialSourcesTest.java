package dev.hoist.flavor.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.CredentialSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHubCredentialSourcesTest {

    @Test
    void anAccessTokenGoesToDockerHubOnly() {
        Map<String, CredentialSource> sources = new DockerHubFlavor().credentialSources("docker.io",
                Map.of("DOCKERHUB_USERNAME", "myaccount", "DOCKERHUB_TOKEN", "dckr_pat_x"));
        assertThat(sources).containsOnlyKeys("dockerhub-token");
        CredentialSource source = sources.get("dockerhub-token");
        assertThat(source.lookup("docker.io").orElseThrow().password().orElseThrow().reveal()).isEqualTo("dckr_pat_x");
        assertThat(source.lookup("ghcr.io")).isEmpty();
    }
}
