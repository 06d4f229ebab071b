package dev.hoist.testing;

import dev.hoist.config.DockerSettings;
import dev.hoist.docker.DockerEngine;
import java.util.Optional;

/**
 * Podman's Docker-compatible API service, as {@code scripts/services.sh} starts it:
 * {@code HOIST_TEST_PODMAN_HOST}. A missing service skips the calling test, or fails it when
 * {@code HOIST_REQUIRE_SERVICES=1}, as {@link TestServices#require()} does.
 */
public final class TestPodman {

    private TestPodman() {
    }

    /** The service's endpoint, {@code unix://…/.services/podman.sock}, when set. */
    public static Optional<String> host() {
        return Optional.ofNullable(System.getenv("HOIST_TEST_PODMAN_HOST")).filter(s -> !s.isBlank());
    }

    /** Docker settings for the Podman service, with the test timeouts. Call {@link #require()} first. */
    public static DockerSettings settings() {
        return TestServices.dockerSettings(host().orElseThrow());
    }

    /** Fails or skips the calling test unless Podman and the plain registry answer. */
    public static void require() {
        TestServices.require();
        if (host().isEmpty()) {
            TestServices.skipOrFail("Integration test needs Podman's API service: HOIST_TEST_PODMAN_HOST is not set;"
                    + " start it with eval \"$(scripts/services.sh start)\"");
            return;
        }
        try (DockerEngine podman = new DockerEngine(settings())) {
            if (!podman.isReachable()) {
                TestServices.skipOrFail("Integration test needs Podman's API service at " + host().get()
                        + "; start it with eval \"$(scripts/services.sh start)\"");
            }
        }
    }
}
