package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import com.typesafe.config.ConfigFactory;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerEndpoints;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.HoistConfigException;
import dev.hoist.config.WrittenDuration;
import dev.hoist.testing.ConfigUnderTest;
import dev.hoist.testing.TestFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One rule for an engine address, whether hoist.docker.host, DOCKER_HOST or a docker context names it; and the
 * password of a user:password@ in it never shown.
 */
class EngineHostRuleTest {

    private static final String CANARY = "CANARY-engine-pw-7f3a";

    /** Addresses Hoist cannot speak to on this (non-Windows) machine, each with a word its message must hold. */
    private static final List<String[]> BAD = List.of(
            new String[] {"https://127.0.0.1:5909", "scheme 'https://'"},
            new String[] {"http://127.0.0.1:5909", "scheme 'http://'"},
            new String[] {"127.0.0.1:5909", "must start with unix:// or tcp://"},
            new String[] {"ssh://u@h", "scheme 'ssh://'"},
            new String[] {"tcp://", "not a usable tcp:// address"},
            new String[] {"unix://", "names no socket path"},
            new String[] {"tcp://[::1", "not a usable tcp:// address"},
            new String[] {"tcp://127.0.0.1", "names no port"},
            new String[] {"npipe:////./pipe/docker_engine", "is a Windows named pipe, and this is not Windows"},
            new String[] {"tcp://user:" + CANARY + "@[::1", "not a usable tcp:// address"},
            new String[] {"https://user:" + CANARY + "@127.0.0.1:5909", "scheme 'https://'"});

    @TempDir
    Path temp;

    /** {@link #BAD}, without {@code npipe://} on Windows, where it is an engine address: never a skipped test. */
    private static List<String[]> badHere() {
        return BAD.stream().filter(bad -> !(DockerEndpoints.WINDOWS && bad[0].startsWith("npipe://")))
                .toList();
    }

    private static DockerSettings settings(String host, Optional<String> configDir) {
        WrittenDuration second = new WrittenDuration(Duration.ofSeconds(1), "1s");
        return new DockerSettings(host, false, Optional.empty(), configDir, second, second, second, "hoist.docker");
    }

    private EngineDiscovery discovery(Map<String, String> variables, Optional<String> configDir) {
        return new EngineDiscovery(settings("", configDir), new Environment(variables, temp.resolve("home")), List.of(),
                socket -> false);
    }

    @Test
    void badDockerHostValuesAreATypedErrorNamingDockerHost() {
        for (String[] bad : badHere()) {
            assertThatThrownBy(() -> discovery(Map.of("DOCKER_HOST", bad[0]), Optional.empty()).discover())
                    .as(bad[0])
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.INVALID_HOST)) // exit 2
                    .hasMessageStartingWith("Cannot use the Docker engine named by DOCKER_HOST: Docker endpoint '")
                    .hasMessageContaining(bad[1])
                    .hasMessageContaining("accepted: unix:///path/to/docker.sock or tcp://HOST:PORT")
                    .hasMessageEndingWith("Fix or unset DOCKER_HOST, or set hoist.docker.host.")
                    .hasMessageNotContaining(CANARY)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void badHoistDockerHostValuesAreRefusedAtLoadByTheSameRule() {
        for (String[] bad : badHere()) {
            assertThatThrownBy(() -> ConfigUnderTest.load(ConfigFactory.parseString(
                            "hoist.registries.local.flavor = test\nhoist.docker.host = \"" + bad[0] + "\""),
                    getClass().getClassLoader(), Map.of("test", new TestFlavor())))
                    .as(bad[0])
                    .isInstanceOf(HoistConfigException.class)
                    .hasMessageContaining("hoist.docker.host (")
                    .hasMessageContaining(bad[1])
                    .hasMessageContaining("accepted: unix:///path/to/docker.sock or tcp://HOST:PORT")
                    .hasMessageNotContaining(CANARY);
        }
    }

    @Test
    void aContextNamingABadHostIsATypedErrorNamingTheContext() throws Exception {
        Path configDir = temp.resolve("docker");
        Path meta = Files.createDirectories(configDir.resolve("contexts/meta/" + EngineDiscovery.sha256Hex("remote")))
                .resolve("meta.json");
        Files.writeString(meta, "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":{\"Host\":\"ssh://u:" + CANARY + "@h\"}}}");
        assertThatThrownBy(() -> discovery(Map.of("DOCKER_CONTEXT", "remote"), Optional.of(configDir.toString())).discover())
                .isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.CONFIGURATION, EngineException.Reason.INVALID_HOST))
                .hasMessageStartingWith("Cannot use the Docker engine named by docker context 'remote' (named by DOCKER_CONTEXT;"
                        + " Endpoints.docker.Host in " + meta + "): Docker endpoint 'ssh://u:****@h' has the scheme 'ssh://'")
                .hasMessageNotContaining(CANARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///var/run/docker.sock", "tcp://127.0.0.1:2375", "tcp://[::1]:2376",
            "tcp://user:pw@10.0.0.1:2376", "TCP://docker.example.com:2376"})
    void usableAddressesPass(String endpoint) {
        assertThat(DockerEndpoints.problem(endpoint, false)).isEmpty();
        assertThat(DockerEndpoints.problem(endpoint, true)).isEmpty();
        EngineEndpoint found = discovery(Map.of("DOCKER_HOST", endpoint), Optional.empty()).discover();
        assertThat(found.source()).isEqualTo(EngineEndpoint.DOCKER_HOST);
        assertThat(found.endpoint()).isEqualTo(endpoint);
    }

    @Test
    void npipeIsForWindowsOnly() {
        assertThat(DockerEndpoints.problem("npipe:////./pipe/docker_engine", true)).isEmpty();
        assertThat(DockerEndpoints.problem("npipe:////./pipe/docker_engine", false)).get().asString()
                .contains("is a Windows named pipe, and this is not Windows");
        assertThat(DockerEndpoints.problem("/var/run/docker.sock", true)).get().asString()
                .contains("must start with unix://, tcp:// or npipe://");
    }

    @Test
    void redactionHidesThePasswordOnly() {
        assertThat(DockerEndpoints.redact("tcp://user:" + CANARY + "@127.0.0.1:5919")).isEqualTo("tcp://user:****@127.0.0.1:5919");
        assertThat(DockerEndpoints.redact("tcp://user:a@b@[::1]:2375/x@y")).isEqualTo("tcp://user:****@[::1]:2375/x@y");
        assertThat(DockerEndpoints.redact("user:" + CANARY + "@127.0.0.1:5919")).isEqualTo("user:****@127.0.0.1:5919");
        assertThat(DockerEndpoints.redact("tcp://user@127.0.0.1:5919")).isEqualTo("tcp://user@127.0.0.1:5919");
        assertThat(DockerEndpoints.redact("unix:///run/user@1000/docker.sock")).isEqualTo("unix:///run/user@1000/docker.sock");
        assertThat(DockerEndpoints.redact("tcp://127.0.0.1:2375")).isEqualTo("tcp://127.0.0.1:2375");
    }

    @Test
    void anEnginePasswordIsShownNowhere() {
        String host = "tcp://user:" + CANARY + "@127.0.0.1:5919";
        Environment environment = new Environment(Map.of("DOCKER_HOST", host), temp.resolve("home"));
        EngineEndpoint found = discovery(Map.of("DOCKER_HOST", host), Optional.empty()).discover();
        assertThat(found.endpoint()).isEqualTo(host); // docker-java still gets the whole address
        assertThat(found.shown()).isEqualTo("tcp://user:****@127.0.0.1:5919");
        assertThat(found.describe()).doesNotContain(CANARY).contains("tcp://user:****@127.0.0.1:5919");
        assertThat(found.toString()).doesNotContain(CANARY);

        try (DockerEngine engine = new DockerEngine(settings("", Optional.empty()), environment)) {
            assertThat(engine.host()).doesNotContain(CANARY);
            EngineInfo info = engine.info(); // nothing listens on 5919: reported, not thrown
            assertThat(info.reachable()).isFalse();
            assertThat(info.endpoint()).contains("tcp://user:****@127.0.0.1:5919");
            assertThat(info.toString()).doesNotContain(CANARY);
            assertThat(info.problem().orElseThrow()).contains("tcp://user:****@127.0.0.1:5919").doesNotContain(CANARY);
        }
    }
}
