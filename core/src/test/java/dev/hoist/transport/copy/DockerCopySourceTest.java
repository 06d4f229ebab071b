package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.compress.LayerCompressor;
import dev.hoist.transport.source.ImageSourceOpener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerCopySource}: docker images presented as a Docker schema 2 manifest of gzip layers. */
class DockerCopySourceTest {

    @TempDir
    Path temp;

    private ExecutorService pool;
    private LayerCompressor compressor;

    @BeforeEach
    void compressor() {
        pool = Executors.newFixedThreadPool(2);
        compressor = new LayerCompressor(pool, 2, 6);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The spool directories in the system's temporary directory now. */
    private static Set<String> spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hoist-copy-"))
                    .collect(Collectors.toSet());
        }
    }

    private DockerCopySource open(String source) {
        return DockerCopySource.open(ImageSource.parse(source), ImageSourceOpener.withoutEngine(), compressor);
    }

    private static byte[] gunzip(InputStream in) throws IOException {
        try (InputStream gz = new GZIPInputStream(in)) {
            return gz.readAllBytes();
        }
    }

    @Test
    void aDockerArchiveIsASchema2ManifestOfGzipLayersAndItsConfigExactly() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(1_500_000, 700);
        List<Path> archives = List.of(
                TestArchives.legacyArchive(image, "app:1", temp.resolve("legacy.tar"), false),
                TestArchives.legacyArchive(image, "app:1", temp.resolve("legacy.tar.gz"), true),
                TestArchives.ociFormatArchive(image, "app:1", temp.resolve("docker25.tar")));
        Set<String> before = spools();
        for (Path archive : archives) {
            try (DockerCopySource source = open("docker-archive:" + archive + ":app:1")) {
                RawManifest root = source.root();
                assertThat(root.mediaType()).as(archive.toString()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
                JsonNode manifest = CopyDriver.json(root);
                assertThat(manifest.path("config").path("digest").asText()).isEqualTo(image.id());
                try (InputStream in = source.openBlob(CopyDriver.descriptor(manifest.path("config")))) {
                    assertThat(in.readAllBytes()).isEqualTo(image.config());
                }
                JsonNode layers = manifest.path("layers");
                assertThat(layers).hasSize(2);
                for (int i = 0; i < 2; i++) {
                    Descriptor layer = CopyDriver.descriptor(layers.get(i));
                    assertThat(layer.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
                    assertThat(source.hasBlob(layer)).isTrue();
                    byte[] blob;
                    try (InputStream in = source.openBlob(layer)) {
                        blob = in.readAllBytes();
                    }
                    assertThat(TestArchives.sha256(blob)).isEqualTo(layer.digest());
                    assertThat((long) blob.length).isEqualTo(layer.size());
                    assertThat(gunzip(new java.io.ByteArrayInputStream(blob))).isEqualTo(image.layers().get(i));
                }
                assertThat(source.hasBlob(new Descriptor("", TestArchives.sha256(new byte[1]), 1))).isFalse();
                assertThat(spools()).hasSize(before.size() + 1);
            }
            assertThat(spools()).isEqualTo(before);
        }
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsADigestMismatchAndNoSpoolStays() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(1_200_000);
        TestArchives.Image other = TestArchives.randomImage(1_200_000);
        TestArchives.Image lying = new TestArchives.Image(other.config(), image.layers());
        Path archive = TestArchives.legacyArchive(lying, "app:1", temp.resolve("lying.tar"), false);
        Set<String> before = spools();
        assertThatThrownBy(() -> open("docker-archive:" + archive)).isInstanceOf(ImageSourceException.class)
                .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                        .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH))
                .hasMessageStartingWith("The layer 1 (").hasMessageContaining(" of docker-archive:" + archive
                        + " is damaged: its bytes hash to " + image.diffIds().get(0) + " but the image says "
                        + other.diffIds().get(0) + ".");
        assertThat(spools()).isEqualTo(before);
        Path oci = TestArchives.archive(LayoutCopySourceTest.entries(layout()), temp.resolve("oci.tar"), false);
        assertThatThrownBy(() -> open("docker-archive:" + oci)).isInstanceOf(ImageSourceException.class)
                .hasMessageContaining("it has no manifest.json, which docker-archive: reads");
        assertThat(spools()).isEqualTo(before);
    }

    private Path layout() throws IOException {
        Path dir = temp.resolve("layout");
        LayoutCopySourceTest.twoPlatformLayout(dir, "v1");
        return dir;
    }

    @Test
    void aDockerArchiveCopiedToArchivesIsTheSameImageForHoistSkopeoAndPodman() throws Exception {
        RegistryApiServices.requireTools("skopeo", "podman");
        TestArchives.Image image = TestArchives.randomImage(1_500_000, 700);
        Path saved = TestArchives.legacyArchive(image, "app:1", temp.resolve("saved.tar.gz"), true);
        String name = "localhost/hoist-docker-source:" + TestImages.uniqueTag();
        Path docker = temp.resolve("docker.tar");
        Path ociArchive = temp.resolve("oci.tar");
        try (DockerCopySource source = open("docker-archive:" + saved)) {
            try (CopyDestination destination = DockerArchiveDestination.open(docker, Optional.of(name), "d")) {
                CopyDriver.copy(source, destination);
            }
            try (CopyDestination destination = OciArchiveDestination.open(ociArchive, Optional.of("v1"), "o")) {
                CopyDriver.copy(source, destination);
            }
            // skopeo 1.9 reads only OCI media types from a layout, so the OCI archive is read back by Hoist.
            try (LayoutCopySource back = LayoutCopySource.archive(ociArchive, Optional.of("v1"), "o")) {
                assertThat(back.root().bytes()).isEqualTo(source.root().bytes());
                for (JsonNode layer : CopyDriver.json(source.root()).path("layers")) {
                    try (InputStream theirs = back.openBlob(CopyDriver.descriptor(layer));
                         InputStream ours = source.openBlob(CopyDriver.descriptor(layer))) {
                        assertThat(theirs.readAllBytes()).isEqualTo(ours.readAllBytes());
                    }
                }
            }
        }
        assertThat(RegistryApiServices.runOk(List.of("skopeo", "inspect", "--config", "--raw",
                "docker-archive:" + docker))).isEqualTo(new String(image.config(), StandardCharsets.UTF_8));
        // skopeo checks every layer against its diffID while it copies.
        Path check = temp.resolve("check");
        RegistryApiServices.runOk(List.of("skopeo", "copy", "--quiet", "docker-archive:" + docker, "oci:" + check));
        List<String> podman = List.of("podman", "--root", temp.resolve("podman/root").toString(), "--runroot",
                temp.resolve("podman/run").toString(), "--storage-driver", "vfs");
        RegistryApiServices.runOk(concat(podman, "load", "--quiet", "--input", docker.toString()));
        assertThat(RegistryApiServices.runOk(concat(podman, "image", "inspect", "--format", "{{.Id}}", name)).strip())
                .isEqualTo(image.id().substring(7));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void anEngineImageIsReadFromItsSaveStream() throws Exception {
        TestServices.require();
        try (DockerEngine engine = new DockerEngine(TestServices.dockerSettings())) {
            String name = TestImages.load(engine, "hoist-docker-source", TestImages.uniqueTag(), 1_500_000);
            try (DockerCopySource source = DockerCopySource.open(ImageSource.dockerDaemon(name),
                    new ImageSourceOpener(() -> engine), compressor)) {
                String config = CopyDriver.json(source.root()).path("config").path("digest").asText();
                assertThat(RegistryApiServices.runOk(List.of("docker", "image", "inspect", "--format", "{{.Id}}",
                        name)).strip()).isEqualTo(config);
                Path archive = temp.resolve("engine.tar");
                try (CopyDestination destination = DockerArchiveDestination.open(archive, Optional.of(name), "d")) {
                    CopyDriver.copy(source, destination);
                }
                RegistryApiServices.runOk(List.of("docker", "image", "rm", "--force", name));
                RegistryApiServices.runOk(List.of("docker", "load", "--quiet", "--input", archive.toString()));
                assertThat(RegistryApiServices.runOk(List.of("docker", "image", "inspect", "--format", "{{.Id}}",
                        name)).strip()).isEqualTo(config);
            } finally {
                RegistryApiServices.run(List.of("docker", "image", "rm", "--force", name));
            }
        }
    }
}
