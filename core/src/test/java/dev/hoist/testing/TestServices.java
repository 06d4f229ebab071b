package dev.hoist.testing;

import dev.hoist.config.DockerSettings;
import dev.hoist.config.WrittenDuration;
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
 *
 * <p>Two more registries ask for credentials: one with basic auth over plain HTTP
 * ({@link #authRegistry()}) and one with basic auth over TLS with a self-signed certificate
 * ({@link #tlsRegistry()}); both accept {@link #registryUser()} with {@link #registryPassword()}.
 * Tests that use them call {@link #requireAuthRegistries()}.
 *
 * <p>A second anonymous plain-HTTP registry, with storage of its own, is the other end of copies from one registry
 * to another ({@link #registry2()}); tests that use it call {@link #requireRegistry2()}. Tests that need the plain
 * registry but no Docker daemon call {@link #requireRegistry()}.
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

    /**
     * The second anonymous plain-HTTP registry's {@code host:port}, for copies between two registries:
     * {@code HOIST_TEST_REGISTRY2}, or {@code 127.0.0.1:5005}.
     */
    public static String registry2() {
        return env("HOIST_TEST_REGISTRY2").orElse("127.0.0.1:5005");
    }

    /** Docker settings for the test daemon, with short timeouts. */
    public static DockerSettings dockerSettings() {
        return dockerSettings(dockerHost());
    }

    /** Docker settings for any endpoint, with test timeouts. */
    public static DockerSettings dockerSettings(String host) {
        return new DockerSettings(host, false, Optional.empty(), Optional.empty(),
                new WrittenDuration(Duration.ofSeconds(5), "5s"), new WrittenDuration(Duration.ofMinutes(5), "5m"),
                new WrittenDuration(Duration.ofSeconds(60), "60s"), "hoist.docker");
    }

    /** Fails or skips the calling test unless both the daemon and the registry answer. */
    public static void require() {
        String missing = null;
        try (DockerEngine engine = new DockerEngine(dockerSettings())) {
            if (!engine.isReachable()) {
                missing = "the Docker daemon at " + dockerHost();
            }
        }
        if (missing == null && !answers("http://" + registry() + "/v2/", 200)) {
            missing = "the registry at http://" + registry() + "/v2/";
        }
        if (missing != null) {
            skipOrFail("Integration test needs " + missing + "; start it with eval \"$(scripts/services.sh start)\"");
        }
    }

    /**
     * Fails or skips the calling test, as {@link #require()} does, unless the plain registry answers {@code /v2/}
     * with 200; the Docker daemon is not needed.
     */
    public static void requireRegistry() {
        if (!answers("http://" + registry() + "/v2/", 200)) {
            skipOrFail("Integration test needs the registry at http://" + registry()
                    + "/v2/; start it with eval \"$(scripts/services.sh start)\"");
        }
    }

    /**
     * Fails or skips the calling test, as {@link #require()} does, unless both plain registries, {@link #registry()}
     * and {@link #registry2()}, answer {@code /v2/} with 200; the Docker daemon is not needed.
     */
    public static void requireRegistry2() {
        requireRegistry();
        if (!answers("http://" + registry2() + "/v2/", 200)) {
            skipOrFail("Integration test needs the second registry at http://" + registry2()
                    + "/v2/ (HOIST_TEST_REGISTRY2); start it with eval \"$(scripts/services.sh start)\"");
        }
    }

    /** Skips the calling test, or fails it when {@code HOIST_REQUIRE_SERVICES=1}: a skip proves nothing there. */
    public static void skipOrFail(String message) {
        if ("1".equals(System.getenv("HOIST_REQUIRE_SERVICES"))) {
            Assertions.fail(message + " (HOIST_REQUIRE_SERVICES=1 turns this skip into a failure)");
        }
        Assumptions.abort(message);
    }

    /** The basic-auth registry over plain HTTP: {@code HOIST_TEST_AUTH_REGISTRY}, or {@code 127.0.0.1:5001}. */
    public static String authRegistry() {
        return env("HOIST_TEST_AUTH_REGISTRY").orElse("127.0.0.1:5001");
    }

    /** The basic-auth registry over TLS (self-signed): {@code HOIST_TEST_TLS_REGISTRY}, or {@code 127.0.0.1:5002}. */
    public static String tlsRegistry() {
        return env("HOIST_TEST_TLS_REGISTRY").orElse("127.0.0.1:5002");
    }

    /** The user both auth registries accept: {@code HOIST_TEST_REGISTRY_USER}, or {@code hoist}. */
    public static String registryUser() {
        return env("HOIST_TEST_REGISTRY_USER").orElse("hoist");
    }

    /**
     * The password both auth registries accept: {@code HOIST_TEST_REGISTRY_PASSWORD}, which
     * {@code scripts/services.sh} generates once and prints. Call {@link #requireAuthRegistries()} first.
     *
     * @throws IllegalStateException if the variable is not set
     */
    public static String registryPassword() {
        return env("HOIST_TEST_REGISTRY_PASSWORD").orElseThrow(() -> new IllegalStateException(
                "HOIST_TEST_REGISTRY_PASSWORD is not set; eval \"$(scripts/services.sh env)\" first"));
    }

    /**
     * Fails or skips the calling test, as {@link #require()} does, unless the password is known and both
     * auth registries answer {@code /v2/} with 401.
     */
    public static void requireAuthRegistries() {
        String missing = null;
        if (env("HOIST_TEST_REGISTRY_PASSWORD").isEmpty()) {
            missing = "HOIST_TEST_REGISTRY_PASSWORD, the auth registries' password";
        } else if (!answers("http://" + authRegistry() + "/v2/", 401)) {
            missing = "the basic-auth registry at http://" + authRegistry() + "/v2/ (answering 401)";
        } else if (!answers("https://" + tlsRegistry() + "/v2/", 401)) {
            missing = "the TLS basic-auth registry at https://" + tlsRegistry() + "/v2/ (answering 401)";
        }
        if (missing == null) {
            return;
        }
        skipOrFail("Integration test needs " + missing + "; start it with eval \"$(scripts/services.sh start)\"");
    }

    static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }

    /** Whether {@code url} answers with {@code status}; over TLS, the test registries' self-signed certificate is accepted. */
    static boolean answers(String url, int status) {
        try {
            HttpResponse<Void> response = RegistryHttp.loopbackTlsClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == status;
        } catch (IOException unreachable) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
