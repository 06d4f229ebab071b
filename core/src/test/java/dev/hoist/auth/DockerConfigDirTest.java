package dev.hoist.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.WrittenDuration;
import dev.hoist.docker.EngineDiscovery;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hoist.docker.config-dir names docker's config directory for credentials as well as for contexts: one rule,
 * {@link Environment#dockerConfigDir}, for engine discovery and the credential chain.
 */
class DockerConfigDirTest {

    private static final String HOST = "registry.example.com:5000";

    @TempDir
    Path temp;

    private Path dockerDirWith(String name, String user) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(name));
        String auth = Base64.getEncoder().encodeToString((user + ":pw-" + user).getBytes());
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + HOST + "\":{\"auth\":\"" + auth + "\"}}}");
        return dir;
    }

    private static DockerSettings settings(Optional<String> configDir) {
        WrittenDuration second = new WrittenDuration(Duration.ofSeconds(1), "1s");
        return new DockerSettings("", false, Optional.empty(), configDir, second, second, second, "hoist.docker");
    }

    @Test
    void theSettingBeatsDockerConfigWhichBeatsHome() throws Exception {
        Path home = temp.resolve("home");
        Environment plain = new Environment(Map.of(), home);
        Environment withVariable = new Environment(Map.of("DOCKER_CONFIG", "/from/variable"), home);

        assertThat(plain.dockerConfigDir(Optional.empty())).isEqualTo(home.resolve(".docker"));
        assertThat(withVariable.dockerConfigDir(Optional.empty())).isEqualTo(Path.of("/from/variable"));
        assertThat(withVariable.dockerConfigDir(Optional.of("/from/setting"))).isEqualTo(Path.of("/from/setting"));
        assertThat(withVariable.dockerConfigDir(Optional.of(" "))).isEqualTo(Path.of("/from/variable"));
        // Engine discovery asks the same rule.
        assertThat(new EngineDiscovery(settings(Optional.of("/from/setting")), withVariable).configDir())
                .isEqualTo(Path.of("/from/setting"));
        assertThat(new EngineDiscovery(settings(Optional.empty()), withVariable).configDir())
                .isEqualTo(Path.of("/from/variable"));
    }

    @Test
    void theCredentialChainReadsConfigJsonInTheGivenDirectory() throws Exception {
        Path configured = dockerDirWith("configured", "configured-user");
        Path variable = dockerDirWith("variable", "variable-user");
        dockerDirWith("home/.docker", "home-user");
        Environment env = new Environment(Map.of("DOCKER_CONFIG", variable.toString()), temp.resolve("home"));

        CredentialResolution found = RegistryCredentialSources.forRegistry("hoist.registries.prod",
                ConfigFactory.empty(), new TestFlavor(), HOST, env, Duration.ofSeconds(5), configured).resolve(HOST);
        RegistryCredentials credentials = found.credentials().orElseThrow();
        assertThat(credentials.username()).isEqualTo("configured-user");
        assertThat(credentials.source()).contains(configured.resolve("config.json").toString());
        // Without a directory given, the old rule: DOCKER_CONFIG.
        assertThat(RegistryCredentialSources.forRegistry("hoist.registries.prod", ConfigFactory.empty(), new TestFlavor(),
                HOST, env, Duration.ofSeconds(5)).resolve(HOST).credentials().orElseThrow().username())
                .isEqualTo("variable-user");
    }

    /** A class loader on which the test flavor is registered, as a flavor jar registers its flavor. */
    private ClassLoader testFlavorLoader() throws Exception {
        Path services = Files.createDirectories(temp.resolve("flavor/META-INF/services"));
        Files.writeString(services.resolve(dev.hoist.spi.ContainerRegistryFlavor.class.getName()),
                TestFlavor.class.getName() + "\n");
        return new java.net.URLClassLoader(new java.net.URL[] {temp.resolve("flavor").toUri().toURL()},
                getClass().getClassLoader());
    }

    @Test
    void hoistReadsCredentialsFromHoistDockerConfigDir() throws Exception {
        Path configured = dockerDirWith("configured", "configured-user");
        Path variable = dockerDirWith("variable", "variable-user");
        Environment env = new Environment(Map.of("DOCKER_CONFIG", variable.toString()), temp.resolve("home"));
        String config = "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\n"
                + "hoist.docker.config-dir = \"" + configured + "\"\n"
                + "hoist { default-registry = prod, registries.local = null, registries.prod { flavor = test, uri = \""
                + HOST + "\" } }";
        ClassLoader loader = testFlavorLoader();
        try (Hoist hoist = Hoist.builder().classLoader(loader)
                .config(ConfigFactory.parseString(config)).environment(env).build()) {
            CredentialResolution found = hoist.credentials("prod").resolve(HOST);
            assertThat(found.credentials().orElseThrow().username()).isEqualTo("configured-user");
            assertThat(found.describe()).contains(configured.resolve("config.json").toString())
                    .doesNotContain(variable.toString());
        }
        // Without the setting, DOCKER_CONFIG as before.
        try (Hoist hoist = Hoist.builder().classLoader(loader)
                .config(ConfigFactory.parseString(config.replace("hoist.docker.config-dir", "hoist.docker.cert-path")))
                .environment(env).build()) {
            assertThat(hoist.credentials("prod").resolve(HOST).credentials().orElseThrow().username())
                    .isEqualTo("variable-user");
        }
    }
}
