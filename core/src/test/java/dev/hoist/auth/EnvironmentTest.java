package dev.hoist.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.docker.EngineDiscovery;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code ~} is: {@code $HOME} when set and not blank (as the docker CLI), else {@code user.home}. */
class EnvironmentTest {

    @TempDir
    Path dir;

    private static String authsFor(String host) {
        String auth = Base64.getEncoder().encodeToString("user:home-pass".getBytes(StandardCharsets.UTF_8));
        return "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}";
    }

    @Test
    void homeComesFromTheHomeVariableWhenItIsSet() {
        Environment env = Environment.of(Map.of("HOME", "/tmp/x/home"), "/root");

        assertThat(env.home()).isEqualTo(Path.of("/tmp/x/home"));
    }

    @Test
    void homeFallsBackToUserHomeWhenTheVariableIsUnsetOrBlank() {
        assertThat(Environment.of(Map.of(), "/root").home()).isEqualTo(Path.of("/root"));
        assertThat(Environment.of(Map.of("HOME", ""), "/root").home()).isEqualTo(Path.of("/root"));
        assertThat(Environment.of(Map.of("HOME", "  "), "/root").home()).isEqualTo(Path.of("/root"));
    }

    @Test
    void noHomeAtAllIsRefused() {
        assertThatThrownBy(() -> Environment.of(Map.of(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theProcessEnvironmentFollowsHomeToo() {
        String home = System.getenv("HOME");
        Path expected = home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);

        assertThat(Environment.ofProcess().home()).isEqualTo(expected);
    }

    @Test
    void theDockerConfigUnderHomeIsFoundThroughTheHomeVariable() throws Exception {
        Path home = Files.createDirectories(dir.resolve("x/home/.docker")).getParent();
        Files.writeString(home.resolve(".docker/config.json"), authsFor("registry.example.com"));
        Environment env = Environment.of(Map.of("HOME", home.toString()), dir.resolve("elsewhere").toString());

        List<CredentialSource> chain = DockerConfigFile.standardChain(env.variables(), env.home());

        assertThat(firstAnswer(chain, "registry.example.com")).contains(
                "docker config " + home.resolve(".docker/config.json") + " auths[\"registry.example.com\"]");
    }

    @Test
    void dockerConfigStillTakesPrecedenceOverHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.docker")).getParent();
        Files.writeString(home.resolve(".docker/config.json"), authsFor("registry.example.com"));
        Path dockerConfig = Files.createDirectory(dir.resolve("docker-config"));
        Files.writeString(dockerConfig.resolve("config.json"), authsFor("other.example.com"));
        Environment env = Environment.of(
                Map.of("HOME", home.toString(), "DOCKER_CONFIG", dockerConfig.toString()), "/root");

        List<CredentialSource> chain = DockerConfigFile.standardChain(env.variables(), env.home());

        assertThat(firstAnswer(chain, "registry.example.com")).isEmpty();
        assertThat(firstAnswer(chain, "other.example.com")).contains(
                "docker config " + dockerConfig.resolve("config.json") + " auths[\"other.example.com\"]");
    }

    @Test
    void theEngineSocketsUnderHomeFollowTheHomeVariable() {
        Environment env = Environment.of(Map.of("HOME", "/tmp/nohome"), "/root");

        assertThat(EngineDiscovery.defaultSockets(env))
                .contains(Path.of("/tmp/nohome/.docker/run/docker.sock"),
                        Path.of("/tmp/nohome/.colima/default/docker.sock"))
                .noneMatch(socket -> socket.startsWith("/root"));
    }

    private static Optional<String> firstAnswer(List<CredentialSource> chain, String host) {
        return chain.stream().map(source -> source.lookup(host)).flatMap(Optional::stream).findFirst()
                .map(RegistryCredentials::source);
    }
}
