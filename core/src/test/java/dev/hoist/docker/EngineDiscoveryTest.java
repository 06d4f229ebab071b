package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.WrittenDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine discovery as a table: config, variables and a docker context store in a temporary {@code DOCKER_CONFIG},
 * against the endpoint and rule expected. Sockets are files in the temporary directory and "answering" is a set,
 * so nothing depends on this machine's sockets.
 */
class EngineDiscoveryTest {

    /** sha256("ci") and sha256("remote"), computed outside Java: the context store's directory names. */
    private static final String CI_ID = "1b158839f8aa339e89bb50b1603e90ec68e0fd5565fe10a7cb32729fddf7070a";
    private static final String REMOTE_ID = "b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a";

    @TempDir
    Path dir;

    private Path dockerConfig;
    private Path home;
    private Path firstSocket;
    private Path secondSocket;

    @BeforeEach
    void contextStore() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
        // Context "ci": a unix endpoint, no TLS material.
        write(dockerConfig.resolve("contexts/meta/" + CI_ID + "/meta.json"),
                "{\"Name\":\"ci\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/ci/docker.sock\","
                        + "\"SkipTLSVerify\":false}}}");
        // Context "remote": tcp with TLS material and SkipTLSVerify.
        write(dockerConfig.resolve("contexts/meta/" + REMOTE_ID + "/meta.json"),
                "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.1.2.3:2376\",\"SkipTLSVerify\":true}}}");
        for (String pem : List.of("ca.pem", "cert.pem", "key.pem")) {
            write(dockerConfig.resolve("contexts/tls/" + REMOTE_ID + "/docker/" + pem), "-----BEGIN-----");
        }
        firstSocket = dir.resolve("first.sock");
        secondSocket = dir.resolve("second.sock");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static DockerSettings settings(String host, String configDir) {
        return new DockerSettings(host, false, Optional.empty(), Optional.ofNullable(configDir),
                new WrittenDuration(Duration.ofSeconds(1), "1s"), new WrittenDuration(Duration.ofMinutes(1), "1m"),
                new WrittenDuration(Duration.ofSeconds(5), "5s"), "hoist.docker");
    }

    private EngineEndpoint discover(String configHost, Map<String, String> env, String configJson, Set<Path> existing,
                                    Set<Path> answering) throws IOException {
        Map<String, String> variables = new HashMap<>(env);
        variables.putIfAbsent("DOCKER_CONFIG", dockerConfig.toString());
        if (configJson != null) {
            write(dockerConfig.resolve("config.json"), configJson);
        }
        for (Path socket : existing) {
            Files.writeString(socket, "");
        }
        return new EngineDiscovery(settings(configHost, null), new Environment(variables, home),
                List.of(firstSocket, secondSocket), answering::contains).discover();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // name, hoist.docker.host, variables, config.json, expected endpoint, expected source
                Arguments.of("config wins over everything", "tcp://config:2375",
                        Map.of("DOCKER_HOST", "unix:///env.sock", "DOCKER_CONTEXT", "ci"), "{\"currentContext\":\"remote\"}",
                        "tcp://config:2375", "config"),
                Arguments.of("DOCKER_HOST wins over contexts", "",
                        Map.of("DOCKER_HOST", "unix:///env.sock", "DOCKER_CONTEXT", "ci"), "{\"currentContext\":\"remote\"}",
                        "unix:///env.sock", "DOCKER_HOST"),
                Arguments.of("DOCKER_CONTEXT wins over currentContext", "", Map.of("DOCKER_CONTEXT", "ci"),
                        "{\"currentContext\":\"remote\"}", "unix:///run/ci/docker.sock", "context:ci"),
                Arguments.of("currentContext in config.json", "", Map.of(), "{\"auths\":{},\"currentContext\":\"remote\"}",
                        "tcp://10.1.2.3:2376", "context:remote"),
                Arguments.of("context default means no context", "", Map.of("DOCKER_CONTEXT", "default"),
                        "{\"currentContext\":\"remote\"}", "unix://FIRST", "socket"),
                Arguments.of("currentContext default means no context", "", Map.of(), "{\"currentContext\":\"default\"}",
                        "unix://FIRST", "socket"),
                Arguments.of("no config.json: sockets", "", Map.of(), null, "unix://FIRST", "socket"),
                Arguments.of("blank DOCKER_HOST is not set", "", Map.of("DOCKER_HOST", "  "), "{}", "unix://FIRST", "socket"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theFirstRuleThatGivesAnEndpointWins(String name, String configHost, Map<String, String> env, String configJson,
                                             String endpoint, String source) throws IOException {
        EngineEndpoint found = discover(configHost, env, configJson, Set.of(firstSocket, secondSocket), Set.of(firstSocket));
        assertThat(found.endpoint()).isEqualTo(endpoint.replace("FIRST", firstSocket.toString()));
        assertThat(found.source()).isEqualTo(source);
    }

    @Test
    void aContextsTlsMaterialAndSkipTlsVerifyAreRead() throws IOException {
        EngineEndpoint remote = discover("", Map.of("DOCKER_CONTEXT", "remote"), null, Set.of(), Set.of());
        assertThat(remote.tls()).isTrue();
        assertThat(remote.tlsMaterial()).contains(dockerConfig.resolve("contexts/tls/" + REMOTE_ID + "/docker"));
        assertThat(remote.skipTlsVerify()).isTrue();
        assertThat(remote.describe()).isEqualTo("tcp://10.1.2.3:2376 (chosen by docker context 'remote')");
        EngineEndpoint ci = discover("", Map.of("DOCKER_CONTEXT", "ci"), null, Set.of(), Set.of());
        assertThat(ci.tls()).isFalse();
        assertThat(ci.tlsMaterial()).isEmpty();
        assertThat(ci.skipTlsVerify()).isFalse();
    }

    @Test
    void dockerHostTakesTlsFromDockerTlsVerifyAndDockerCertPath() throws IOException {
        EngineEndpoint found = discover("", Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", "/certs"), null, Set.of(), Set.of());
        assertThat(found.tls()).isTrue();
        assertThat(found.tlsMaterial()).contains(Path.of("/certs"));
        EngineEndpoint off = discover("", Map.of("DOCKER_HOST", "tcp://h:2375", "DOCKER_TLS_VERIFY", "0"), null, Set.of(), Set.of());
        assertThat(off.tls()).isFalse();
    }

    @Test
    void aNamedContextThatIsMissingIsAConfigErrorNamingItAndTheDirectory() {
        assertThatThrownBy(() -> discover("", Map.of("DOCKER_CONTEXT", "gone"), null, Set.of(), Set.of()))
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.CONTEXT_NOT_FOUND))
                .hasMessageContaining("Docker context 'gone' (named by DOCKER_CONTEXT)")
                .hasMessageContaining("searched " + dockerConfig.resolve("contexts/meta"));
        assertThatThrownBy(() -> discover("", Map.of(), "{\"currentContext\":\"gone\"}", Set.of(), Set.of()))
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.CONTEXT_NOT_FOUND))
                .hasMessageContaining("named by currentContext in " + dockerConfig.resolve("config.json"));
    }

    @Test
    void aContextWithoutADockerEndpointIsTheSameError() throws IOException {
        write(dockerConfig.resolve("contexts/meta/" + CI_ID + "/meta.json"), "{\"Name\":\"ci\",\"Endpoints\":{}}");
        assertThatThrownBy(() -> discover("", Map.of("DOCKER_CONTEXT", "ci"), null, Set.of(), Set.of()))
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.CONTEXT_NOT_FOUND))
                .hasMessageContaining("no Endpoints.docker.Host");
    }

    @Test
    void theConfigDirSettingWinsOverDockerConfig() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        write(other.resolve("config.json"), "{\"currentContext\":\"ci\"}");
        write(other.resolve("contexts/meta/" + CI_ID + "/meta.json"),
                "{\"Endpoints\":{\"docker\":{\"Host\":\"unix:///other.sock\"}}}");
        EngineEndpoint found = new EngineDiscovery(settings("", other.toString()),
                new Environment(Map.of("DOCKER_CONFIG", dockerConfig.toString()), home), List.of(), p -> false).discover();
        assertThat(found.endpoint()).isEqualTo("unix:///other.sock");
    }

    @Test
    void aSocketThatExistsButDoesNotAnswerIsPassedOver() throws IOException {
        EngineEndpoint found = discover("", Map.of(), null, Set.of(firstSocket, secondSocket), Set.of(secondSocket));
        assertThat(found.endpoint()).isEqualTo("unix://" + secondSocket);
        assertThat(found.source()).isEqualTo("socket");
    }

    @Test
    void whenNothingIsFoundTheErrorListsEveryPlaceTried() throws IOException {
        assertThatThrownBy(() -> discover("", Map.of(), "{}", Set.of(secondSocket), Set.of()))
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.NOT_FOUND))
                .hasMessageContaining("hoist.docker.host (not set); DOCKER_HOST (not set); docker context (DOCKER_CONTEXT not set,"
                        + " no currentContext in " + dockerConfig.resolve("config.json") + "); " + firstSocket + " (missing); "
                        + secondSocket + " (exists, but no engine answered)");
    }

    @Test
    void anUnreadableConfigJsonIsNamedWithoutItsContent() throws IOException {
        String canary = "canary-secret-7f3a";
        assertThatThrownBy(() -> discover("", Map.of(), "{\"auths\":{\"x\":{\"auth\":\"" + canary + "\"}", Set.of(), Set.of()))
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.UNUSABLE_FILE))
                .hasMessageContaining(dockerConfig.resolve("config.json").toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining(canary);
    }

    @Test
    void theWellKnownSocketsAreInTheDockerClisOrder() {
        Environment env = new Environment(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), Path.of("/home/me"));
        assertThat(EngineDiscovery.defaultSockets(env)).containsExactly(
                Path.of("/var/run/docker.sock"),
                Path.of("/run/user/1000/docker.sock"),
                Path.of("/home/me/.docker/run/docker.sock"),
                Path.of("/home/me/.colima/default/docker.sock"),
                Path.of("/run/user/1000/podman/podman.sock"),
                Path.of("/run/podman/podman.sock"));
        assertThat(EngineDiscovery.defaultSockets(new Environment(Map.of(), Path.of("/home/me")))).containsExactly(
                Path.of("/var/run/docker.sock"),
                Path.of("/home/me/.docker/run/docker.sock"),
                Path.of("/home/me/.colima/default/docker.sock"),
                Path.of("/run/podman/podman.sock"));
    }

    @Test
    void theContextStoreDirectoryIsTheSha256OfTheName() {
        assertThat(EngineDiscovery.sha256Hex("ci")).isEqualTo(CI_ID);
    }
}
