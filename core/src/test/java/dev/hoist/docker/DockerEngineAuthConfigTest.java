package dev.hoist.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AuthConfig;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the push hands docker-java: the credentials, addressed to the registry's host. */
class DockerEngineAuthConfigTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "localhost:5001/team/app, localhost:5001",
        "ghcr.io/owner/app, ghcr.io",
        "docker.io/library/ubuntu, https://index.docker.io/v1/",
        "Registry.Example.com/app, Registry.Example.com",
    })
    void theServerAddressIsTheRegistryHostNotTheRepository(String repository, String serverAddress) {
        assertThat(DockerEngine.authConfig(repository, Optional.empty()).getRegistryAddress()).isEqualTo(serverAddress);
    }

    @Test
    void basicCredentialsBecomeUsernameAndPassword() {
        AuthConfig auth = DockerEngine.authConfig("localhost:5001/app",
                Optional.of(RegistryCredentials.basic("hoist", Secret.of("pw"), "test")));
        assertThat(auth.getUsername()).isEqualTo("hoist");
        assertThat(auth.getPassword()).isEqualTo("pw");
        assertThat(auth.getIdentitytoken()).isNull();
    }

    @Test
    void anIdentityTokenIsSentAsOne() {
        AuthConfig auth = DockerEngine.authConfig("myreg.example.com/app",
                Optional.of(RegistryCredentials.identityToken(Secret.of("refresh"), "test")));
        assertThat(auth.getIdentitytoken()).isEqualTo("refresh");
        assertThat(auth.getPassword()).isNull();
    }

    @Test
    void anonymousStillSendsAnEmptyAuthConfigSoDockerJavaDoesNotLookOnItsOwn() {
        AuthConfig auth = DockerEngine.authConfig("localhost:5000/app", Optional.empty());
        assertThat(auth.getUsername()).isNull();
        assertThat(auth.getPassword()).isNull();
    }
}
