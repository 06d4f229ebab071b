package dev.hoist.testing;

import dev.hoist.config.DockerSettings;
import dev.hoist.docker.DockerEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Docker daemon and registry that integration tests push through, as
 * {@code scripts/services.sh} starts them. When {@code HOIST_REQUIRE_SERVICES=1}, a missing
 * service fails the test; otherwise it skips it, so a plain {@code mvn test} on a laptop
 * without Docker still runs the unit tests.
 */
public final class TestServices {

    private TestServices() {
    }

    /** The daemon endpoint: {@code DOCKER_HOST}, or the default socket. */
    public static String dockerHost() {
        return Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(s -> !s.isBlank())
                .orElse("unix:///var/run/docker.sock");
    }

    /** The registry's {@code host:port}: {@code HOIST_TEST_REGISTRY}, or {@code 127.0.0.1:5000}. */
    public static String registry() {
        return Optional.ofNullable(System.getenv("HOIST_TEST_REGISTRY")).filter(s -> !s.isBlank())
                .orElse("127.0.0.1:5000");
    }

    /** Docker settings for the test daemon, with short timeouts. */
    public static DockerSettings dockerSettings() {
        return dockerSettings(dockerHost());
    }

    /** Docker settings for any endpoint, with test timeouts. */
    public static DockerSettings dockerSettings(String host) {
        return new DockerSettings(host, false, Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofMinutes(5));
    }

    /** Fails or skips the calling test unless both the daemon and the registry answer. */
    public static void require() {
        String missing = null;
        try (DockerEngine engine = new DockerEngine(dockerSettings())) {
            if (!engine.isReachable()) {
                missing = "the Docker daemon at " + dockerHost();
            }
        }
        if (missing == null && !registryAnswers()) {
            missing = "the registry at http://" + registry() + "/v2/";
        }
        if (missing == null) {
            return;
        }
        String message = "Integration test needs " + missing + "; start it with scripts/services.sh start";
        if ("1".equals(System.getenv("HOIST_REQUIRE_SERVICES"))) {
            Assertions.fail(message + " (HOIST_REQUIRE_SERVICES=1 turns this skip into a failure)");
        }
        Assumptions.abort(message);
    }

    private static boolean registryAnswers() {
        try {
            HttpResponse<Void> response = RegistryHttp.client().send(
                    HttpRequest.newBuilder(URI.create("http://" + registry() + "/v2/")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
