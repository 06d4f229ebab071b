package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.CredentialLookupException;
import dev.hoist.api.EnvironmentCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.Config;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented order of credential sources, and the rules that keep secrets on their own host. */
class CredentialResolverTest {

    private static final String HOST = "registry.example.com:5000";

    @TempDir
    Path home;

    /** A flavor with one native source, answering for the registry's host from NATIVE_TOKEN. */
    private static final TestFlavor FLAVOR = new TestFlavor() {
        @Override
        public Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
            return Map.of("native-token", EnvironmentCredentials.fixedUser(environment, "native", "NATIVE_TOKEN", HOST::equals));
        }
    };

    private void dockerConfigWith(String user, String password) throws Exception {
        Path config = Files.createDirectories(home.resolve(".docker")).resolve("config.json");
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        Files.writeString(config, "{\"auths\":{\"https://" + HOST + "/v1/\":{\"auth\":\"" + auth + "\"}}}");
    }

    private CredentialResolution resolve(String registrySettings, Map<String, String> variables) {
        Config settings = ConfigFactory.parseString(registrySettings).withFallback(
                ConfigFactory.parseString("disabled-credential-sources = []"));
        return RegistryCredentialSources.forRegistry("hoist.registries.prod", settings, FLAVOR, HOST,
                        new Environment(variables, home), Duration.ofSeconds(5))
                .resolve(HOST);
    }

    @Test
    void explicitConfigBeatsTheFlavorsSourceWhichBeatsDockerConfig() throws Exception {
        dockerConfigWith("docker-user", "docker-pw");
        Map<String, String> env = Map.of("NATIVE_TOKEN", "native-pw");
        String explicit = "credentials { username = config-user, password = config-pw }";

        assertThat(resolve(explicit, env).credentials().orElseThrow().username()).isEqualTo("config-user");
        assertThat(resolve(explicit, env).describe()).isEqualTo("credentials of user 'config-user' from config hoist.registries.prod.credentials");
        assertThat(resolve("", env).credentials().orElseThrow().source()).isEqualTo("environment NATIVE_TOKEN (user native)");
        RegistryCredentials fromFile = resolve("", Map.of()).credentials().orElseThrow();
        assertThat(fromFile.username()).isEqualTo("docker-user");
        assertThat(fromFile.source()).contains(home.resolve(".docker/config.json").toString());
    }

    @Test
    void eachSourceCanBeSwitchedOffPerRegistry() throws Exception {
        dockerConfigWith("docker-user", "docker-pw");
        Map<String, String> env = Map.of("NATIVE_TOKEN", "native-pw");
        String explicit = "credentials { username = config-user, password = config-pw }, ";
        assertThat(resolve(explicit + "disabled-credential-sources = [config]", env).credentials().orElseThrow().username())
                .isEqualTo("native");
        assertThat(resolve("disabled-credential-sources = [native-token]", env).credentials().orElseThrow().username())
                .isEqualTo("docker-user");
        assertThat(resolve("disabled-credential-sources = [native-token, docker-config]", env).credentials()).isEmpty();
    }

    @Test
    void anonymousNamesEverySourceItAsked() {
        CredentialResolution none = resolve("", Map.of());
        assertThat(none.credentials()).isEmpty();
        assertThat(none.describe()).isEqualTo("no credentials (anonymous; asked environment NATIVE_TOKEN (user native), docker config "
                + home.resolve(".docker/config.json") + ")");
    }

    @Test
    void explicitCredentialsAreNeverOfferedToAnotherHost() {
        Config settings = ConfigFactory.parseString("credentials { username = u, password = p }");
        CredentialResolver resolver = RegistryCredentialSources.forRegistry("hoist.registries.prod", settings, new TestFlavor(), HOST,
                new Environment(Map.of(), home), Duration.ofSeconds(5));
        assertThat(resolver.resolve(HOST).credentials()).isPresent();
        assertThat(resolver.resolve("registry.example.com").credentials()).isEmpty();
        assertThat(resolver.resolve("evil.example.com:5000").credentials()).isEmpty();
    }

    @Test
    void aMissingPasswordFileIsAClearErrorWithoutItsContents() {
        Path missing = home.resolve("absent");
        assertThatThrownBy(() -> resolve("credentials { username = u, password-file = \"" + missing + "\" }", Map.of()))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessage("Cannot read the password file " + missing + " named by hoist.registries.prod.credentials.password-file:"
                        + " NoSuchFileException. Check that it exists and is readable.");
    }

    @Test
    void aMissingRegistryHelperNamesTheBinaryAndTheConfigEntry() {
        assertThatThrownBy(() -> resolve("credentials-helper = nosuchhelper", Map.of("PATH", home.toString())))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("docker-credential-nosuchhelper")
                .hasMessageContaining("hoist.registries.prod.credentials-helper");
    }

    @Test
    void secretsPrintAsStars() {
        RegistryCredentials credentials = RegistryCredentials.basic("u", Secret.of("hunter2"), "test");
        assertThat(credentials.toString()).doesNotContain("hunter2").contains("****");
        assertThat(Secret.of("hunter2")).hasToString("****");
        assertThat(new Environment(Map.of("TOKEN", "hunter2"), home).toString()).doesNotContain("hunter2");
    }
}
