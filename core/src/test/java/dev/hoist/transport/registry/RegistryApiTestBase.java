package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.push.PushResult;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Shared set-up of the registry-API integration tests: settings, transports, the four registries, read-backs. */
abstract class RegistryApiTestBase {

    /** Every registry, the token one included, with a fresh token server; a subclass needing less overrides it. */
    @org.junit.jupiter.api.BeforeEach
    void services() {
        RegistryApiServices.requireAll();
        dev.hoist.testing.TokenServer.get().reset();
    }

    /** The four test registries. */
    enum Registry {
        PLAIN, BASIC, TLS, TOKEN;

        String host() {
            return switch (this) {
                case PLAIN -> TestServices.registry();
                case BASIC -> TestServices.authRegistry();
                case TLS -> TestServices.tlsRegistry();
                case TOKEN -> RegistryApiServices.tokenRegistry();
            };
        }

        boolean needsCredentials() {
            return this != PLAIN;
        }

        Optional<RegistryCredentials> credentials() {
            return needsCredentials() ? Optional.of(RegistryCredentials.basic(TestServices.registryUser(),
                    Secret.of(TestServices.registryPassword()), "test services")) : Optional.empty();
        }

        RegistryTarget target(String repository, String tag) {
            Optional<Path> ca = this == TLS ? RegistryApiServices.tlsCertificate() : Optional.empty();
            return new RegistryTarget(host(), repository, tag, ca, false);
        }
    }

    static RegistryApiSettings settings(Path cache) {
        return new RegistryApiSettings(4, 1, Optional.of(cache), 1024 * 1024, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Optional.empty(), 3, Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** A transport whose engine points at nothing: archive and OCI pushes must not need one. */
    static RegistryApiTransport withoutDaemon(Path cache) {
        return new RegistryApiTransport(settings(cache), new ImageSourceOpener(
                () -> new DockerEngine(TestServices.dockerSettings("unix:///nonexistent/hoist-test.sock"))));
    }

    static RegistryApiTransport withDaemon(Path cache, DockerEngine engine) {
        return new RegistryApiTransport(settings(cache), new ImageSourceOpener(() -> engine));
    }

    /** skopeo reads the manifest back; its digest must be what Hoist reported. */
    static void assertSkopeoAgrees(PushResult result, Registry registry) throws Exception {
        byte[] raw = RegistryApiServices.skopeoRaw(result.image(), registry.needsCredentials());
        assertThat(TestArchives.sha256(raw)).as("digest of the manifest skopeo reads").isEqualTo(result.digest());
        assertThat((long) raw.length).isEqualTo(result.size());
    }

    /**
     * The real daemon pulls the image back (docker pull, logged in through a throw-away docker config; for the TLS
     * registry, which the daemon does not trust, skopeo copies it into the daemon) and reports its image id.
     */
    static String pulledImageId(PushResult result, Registry registry, Path dockerConfig) throws Exception {
        String image = result.image();
        if (registry == Registry.TLS) {
            // skopeo writes a docker-archive (its docker-daemon: writer fails against this engine), docker loads it.
            String local = "hoist-it-pulled/tls:" + dev.hoist.testing.TestImages.uniqueTag();
            Path archive = dockerConfig.resolveSibling("pulled-" + dev.hoist.testing.TestImages.uniqueTag() + ".tar");
            RegistryApiServices.runOk(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false", "--src-creds",
                    TestServices.registryUser() + ":" + TestServices.registryPassword(), "docker://" + image,
                    "docker-archive:" + archive + ":" + local));
            try {
                RegistryApiServices.runOk(List.of("docker", "load", "-q", "-i", archive.toString()));
                return RegistryApiServices.runOk(List.of("docker", "inspect", "-f", "{{.Id}}", local)).strip();
            } finally {
                RegistryApiServices.run(List.of("docker", "rmi", "-f", local));
            }
        }
        String config = dockerConfig.toString();
        if (registry.needsCredentials()) {
            RegistryApiServices.runOk(List.of("sh", "-c", "printf %s \"$HOIST_TEST_REGISTRY_PASSWORD\" | docker --config "
                    + config + " login --username " + TestServices.registryUser() + " --password-stdin "
                    + registry.host()));
        }
        RegistryApiServices.runOk(List.of("docker", "--config", config, "pull", "-q", image));
        try {
            return RegistryApiServices.runOk(List.of("docker", "inspect", "-f", "{{.Id}}", image)).strip();
        } finally {
            RegistryApiServices.run(List.of("docker", "rmi", "-f", image));
        }
    }
}
