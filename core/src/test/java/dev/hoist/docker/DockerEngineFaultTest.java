package dev.hoist.docker;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.EngineException;
import dev.hoist.push.ErrorKind;
import dev.hoist.auth.Environment;
import dev.hoist.config.DockerSettings;
import dev.hoist.config.WrittenDuration;
import dev.hoist.image.ImageArchive;
import dev.hoist.push.PushException;
import dev.hoist.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.net.SocketException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines that misbehave, each a fake on a unix socket ({@link FakeEngine}): one that never answers, one that
 * answers HTML, one that cuts the push stream. Each ends in a typed error whose message names the cause and,
 * for a timeout, the setting with its value as written. The {@code @Timeout}s only keep a regression from
 * hanging the build; they are far above the 2 s idle timeout and assert nothing about speed.
 */
class DockerEngineFaultTest {

    @TempDir
    Path dir;

    private static DockerSettings settings(String host) {
        return new DockerSettings(host, false, Optional.empty(), Optional.empty(),
                new WrittenDuration(Duration.ofSeconds(5), "5s"), new WrittenDuration(Duration.ofMinutes(30), "30m"),
                new WrittenDuration(Duration.ofSeconds(2), "2s"), "hoist.docker");
    }

    private static DockerEngine engine(String host) {
        return new DockerEngine(settings(host), Environment.ofProcess());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentEnginesPushEndsWithTheIdleTimeoutNamedAsWritten() throws Exception {
        try (FakeEngine silent = new FakeEngine(dir, FakeEngine.Behaviour.SILENT); DockerEngine engine = engine(silent.endpoint())) {
            assertThatThrownBy(() -> engine.push("localhost:5000/app", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.TIMEOUT))
                    .hasMessageContaining("hoist.docker.idle-timeout")
                    .hasMessageContaining("for 2s")
                    .hasMessageContaining(silent.endpoint() + " (chosen by hoist.docker.host)")
                    .hasMessageNotContaining("PT2S")
                    .satisfies(e -> assertThat(((EngineException) e).setting()).contains("hoist.docker.idle-timeout"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentEnginesImageLoadEndsWithTheIdleTimeout() throws Exception {
        byte[] archive = ImageArchive.randomImage("hoist-fault:1", 1024, new SecureRandom()).bytes();
        try (FakeEngine silent = new FakeEngine(dir, FakeEngine.Behaviour.SILENT); DockerEngine engine = engine(silent.endpoint())) {
            assertThatThrownBy(() -> engine.loadImage(new ByteArrayInputStream(archive)))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.TIMEOUT))
                    .hasMessageStartingWith("Gave up loading an image archive: no byte moved in either direction for 2s"
                            + " (hoist.docker.idle-timeout)");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentEngineIsReportedUnreachableByInfoWithTheTimeoutThatFired() throws Exception {
        try (FakeEngine silent = new FakeEngine(dir, FakeEngine.Behaviour.SILENT); DockerEngine engine = engine(silent.endpoint())) {
            EngineInfo info = engine.info();
            assertThat(info.reachable()).isFalse();
            assertThat(info.endpoint()).contains(silent.endpoint());
            assertThat(info.source()).contains("config");
            assertThat(info.engine()).isEmpty();
            assertThat(info.problem()).hasValueSatisfying(p -> assertThat(p).contains("hoist.docker.idle-timeout"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEndpointThatAnswersHtmlIsNotTheDockerApi() throws Exception {
        try (FakeEngine html = new FakeEngine(dir, FakeEngine.Behaviour.HTML); DockerEngine engine = engine(html.endpoint())) {
            assertThat(engine.info().problem()).hasValueSatisfying(p -> assertThat(p)
                    .contains("answered, but with something that is not the Docker API").contains(html.endpoint())
                    .doesNotContain("Cannot reach"));
            assertThatThrownBy(() -> engine.push("localhost:5000/app", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.PROTOCOL))
                    .hasMessageContaining("not the Docker API");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPushStreamCutInTheMiddleSaysTheEngineDroppedTheConnection() throws Exception {
        try (FakeEngine cut = new FakeEngine(dir, FakeEngine.Behaviour.CUT_PUSH); DockerEngine engine = engine(cut.endpoint())) {
            assertThatThrownBy(() -> engine.push("localhost:5000/app", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.CONNECTION_DROPPED))
                    .hasMessageContaining("dropped the connection while pushing 'localhost:5000/app:1'")
                    .hasMessageNotContaining("Start the daemon");
        }
    }

    @Test
    void anUnreachableEngineIsNamedWithTheRuleThatChoseIt() {
        DockerSettings settings = settings("");
        try (DockerEngine engine = new DockerEngine(settings,
                new EngineDiscovery(settings, new Environment(Map.of("DOCKER_HOST", "unix:///nonexistent/hoist-fault.sock"),
                        dir))::discover, (s, e) -> newClient(s, e), (h, p, t, c) -> "unused")) {
            assertThatThrownBy(() -> engine.push("localhost:5000/app", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.UNREACHABLE))
                    .hasMessageContaining("unix:///nonexistent/hoist-fault.sock (chosen by DOCKER_HOST)");
        }
    }

    /** The real client factory, reached through the public constructor's wiring. */
    private static com.github.dockerjava.api.DockerClient newClient(DockerSettings settings, EngineEndpoint endpoint) {
        try {
            java.lang.reflect.Method factory = DockerEngine.class.getDeclaredMethod("newClient", DockerSettings.class,
                    EngineEndpoint.class);
            factory.setAccessible(true);
            return (com.github.dockerjava.api.DockerClient) factory.invoke(null, settings, endpoint);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Tests run as root, which no socket permission stops: the OS's refusal is fed in at the mapping seam. */
    @Test
    void permissionDeniedOnTheSocketSaysSoAndWhatAccessIsNeeded() {
        DockerErrors.Context context = new DockerErrors.Context("localhost:5000/app:1", "pushing 'localhost:5000/app:1'",
                "unix:///var/run/docker.sock (chosen by the first well-known socket that answered)", settings("x"));
        for (Throwable denied : new Throwable[] {new RuntimeException(new SocketException("Permission denied")),
                new RuntimeException(new AccessDeniedException("/var/run/docker.sock")),
                new RuntimeException(new java.io.IOException("connect failed: [13] EACCES"))}) {
            PushException error = DockerErrors.fromException(context, denied);
            assertThat(error).as(denied.getCause().toString()).isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.ACCESS_DENIED))
                    .hasMessageContaining("Permission denied on the Docker engine's socket unix:///var/run/docker.sock")
                    .hasMessageContaining("'docker' group")
                    .hasMessageNotContaining("Start the daemon");
        }
    }

    @Test
    void aConnectTimeoutNamesItsSetting() {
        DockerErrors.Context context = new DockerErrors.Context("i", "pushing 'i'", "tcp://10.0.0.1:2375 (chosen by DOCKER_HOST)",
                settings("x"));
        PushException error = DockerErrors.fromException(context,
                new RuntimeException(new java.net.SocketTimeoutException("Connect timed out")));
        assertThat(error).isInstanceOf(EngineException.class)
                .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.TIMEOUT))
                .hasMessageContaining("no connection within 5s (hoist.docker.connect-timeout)");
    }

    @Test
    void theEngineRefusingAnIpv6RegistryNameSaysSoAndSuggestsAWayOut() {
        TestServices.require();
        try (DockerEngine engine = new DockerEngine(TestServices.dockerSettings())) {
            assertThatThrownBy(() -> engine.push("[::1]:5430/team/app", "1", Optional.empty()))
                    .isInstanceOf(EngineException.class)
                    .satisfies(kindAndReason(ErrorKind.ENGINE, EngineException.Reason.REFUSED_NAME))
                    .hasMessageContaining("The Docker engine refused the name '[::1]:5430/team/app:1' (invalid reference format)")
                    .hasMessageContaining("host name")
                    .hasMessageContaining("registry-API transport");
        }
    }
}
