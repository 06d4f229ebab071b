package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.push.ImageSource;
import dev.hoist.push.PushResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every source to every registry: a docker save archive (legacy format, plain tar), the engine's save stream and
 * an OCI layout made by skopeo, each pushed to the plain, basic-auth, TLS (trusted through the CA file) and
 * token-auth registries; skopeo reads the manifest back and the real daemon pulls the image back with the same id.
 */
class RegistryApiTransportIntegrationTest extends RegistryApiTestBase {

    private static DockerEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(TestServices.dockerSettings());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Registry.class)
    void dockerArchivePushesTheSameImage(Registry registry) throws Exception {
        TestArchives.Image image = TestArchives.randomImage(200_000, 3_000_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        PushResult result;
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            result = transport.push(ImageSource.dockerArchive(archive),
                    registry.target("hoist-it/archive", TestImages.uniqueTag()), registry.credentials());
        }
        assertThat(result.transport()).isEqualTo("registry-api");
        assertThat(result.layers()).hasSize(2).allMatch(l -> l.result() == Outcome.UPLOADED);
        assertSkopeoAgrees(result, registry);
        assertThat(pulledImageId(result, registry, dir.resolve("docker"))).isEqualTo(image.id());
    }

    @ParameterizedTest
    @EnumSource(Registry.class)
    void dockerDaemonPushesTheSameImage(Registry registry) throws Exception {
        String name = TestImages.load(engine, "hoist-it/daemon-src", TestImages.uniqueTag(), 300_000);
        String id = RegistryApiServices.runOk(List.of("docker", "inspect", "-f", "{{.Id}}", name)).strip();
        PushResult result;
        try (RegistryApiTransport transport = withDaemon(dir.resolve("cache"), engine)) {
            result = transport.push(ImageSource.dockerDaemon(name),
                    registry.target("hoist-it/daemon", TestImages.uniqueTag()), registry.credentials());
        } finally {
            engine.removeImage(name);
        }
        assertThat(result.layers()).hasSize(1).allMatch(l -> l.result() == Outcome.UPLOADED);
        assertSkopeoAgrees(result, registry);
        assertThat(pulledImageId(result, registry, dir.resolve("docker"))).isEqualTo(id);
    }

    @ParameterizedTest
    @EnumSource(Registry.class)
    void ociLayoutPushesTheSameImage(Registry registry) throws Exception {
        TestArchives.Image image = TestArchives.randomImage(150_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        Path layout = dir.resolve("layout");
        RegistryApiServices.runOk(List.of("skopeo", "copy", "--quiet", "docker-archive:" + archive,
                "oci:" + layout + ":v1"));
        PushResult result;
        try (RegistryApiTransport transport = withoutDaemon(dir.resolve("cache"))) {
            result = transport.push(ImageSource.ociLayout(layout, Optional.of("v1")),
                    registry.target("hoist-it/oci", TestImages.uniqueTag()), registry.credentials());
        }
        assertThat(result.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertSkopeoAgrees(result, registry);
        assertThat(pulledImageId(result, registry, dir.resolve("docker"))).isEqualTo(image.id());
    }
}
