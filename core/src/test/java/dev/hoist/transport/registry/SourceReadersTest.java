package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushEvent;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source reader's {@link PushPlan}, on archives and layouts built here. */
class SourceReadersTest {

    @TempDir
    Path temp;

    private static byte[] read(BlobOpener opener) throws Exception {
        try (InputStream in = opener.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPlainDockerArchiveIsPlannedLayerByLayerWithItsConfig() throws Exception {
        TestArchives.Image base = TestArchives.randomImage(3_000, 500);
        // The first layer again on top, as an image may repeat one.
        TestArchives.Image image = TestArchives.withLayers(List.of(base.layers().get(0), base.layers().get(1),
                base.layers().get(0)));
        Path file = TestArchives.legacyArchive(image, "app:1", temp.resolve("app.tar"), false);

        PushPlan.Docker plan = DockerArchiveReader.read(file, Optional.empty(), "docker-archive:" + file);

        assertThat(plan.config()).isEqualTo(image.config());
        assertThat(plan.layers()).containsExactly(
                new PushEvent.Layer(image.diffIds().get(0), image.layers().get(0).length),
                new PushEvent.Layer(image.diffIds().get(1), image.layers().get(1).length));
        assertThat(plan.dockerLayers()).hasSize(3).allMatch(layer -> layer instanceof PushPlan.LayerToPush);
        for (int i = 0; i < 3; i++) {
            PushPlan.LayerToPush layer = (PushPlan.LayerToPush) plan.dockerLayers().get(i);
            assertThat(layer.diffId()).isEqualTo(image.diffIds().get(i));
            assertThat(layer.what()).matches("layer " + (i + 1) + " \\([0-9a-f]{64}/layer\\.tar\\)");
            assertThat(layer.size()).isEqualTo(image.layers().get(i).length);
            assertThat(read(layer.opener())).as("read again on every call").isEqualTo(image.layers().get(i))
                    .isEqualTo(read(layer.opener()));
        }
    }

    @Test
    void aNamedImageIsPickedAndAnUnknownNameIsRefused() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100);
        Path file = TestArchives.legacyArchive(image, "app:1", temp.resolve("app.tar"), false);

        assertThat(DockerArchiveReader.read(file, Optional.of("app:1"), "src").config()).isEqualTo(image.config());
        assertThatThrownBy(() -> DockerArchiveReader.read(file, Optional.of("other:2"), "src"))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The archive src holds no image named 'other:2'; it holds app:1.");
    }

    @Test
    void aConfigWhoseDiffIdsDoNotMatchTheLayersIsRefused() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100, 100);
        TestArchives.Image wrong = new TestArchives.Image(TestArchives.randomImage(100).config(), image.layers());
        Path file = TestArchives.legacyArchive(wrong, "app:1", temp.resolve("app.tar"), false);

        assertThatThrownBy(() -> DockerArchiveReader.read(file, Optional.empty(), "src"))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The image config of src lists 1 layer diffIDs but its manifest.json names 2 layers.");
    }

    @Test
    void aGzipArchiveOpensAsItsTarStreamOnEveryCall() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(1_000);
        Path plain = TestArchives.legacyArchive(image, "app:1", temp.resolve("app.tar"), false);
        Path gzip = Files.write(temp.resolve("app.tar.gz"), TestArchives.gzip(Files.readAllBytes(plain)));

        var stream = DockerArchiveReader.gzipStream(gzip, "src");

        for (int pass = 0; pass < 2; pass++) {
            try (InputStream in = stream.get()) {
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
            }
        }
    }

    @Test
    void anOciLayoutIsPlannedBlobByBlobWithItsManifestsChildrenFirst() throws Exception {
        TestArchives.Image amd = TestArchives.randomImage(2_000, 300);
        TestArchives.Image arm = TestArchives.randomImage(400);
        Path dir = temp.resolve("layout");
        String index = TestArchives.multiPlatformLayout(List.of(amd, arm), List.of("linux/amd64", "linux/arm64"),
                "v1", dir);

        PushPlan.Oci plan = OciLayoutReader.read(dir, Optional.of("v1"), "oci:" + dir + ":v1",
                SourceBoundariesTest.DEFAULTS);

        assertThat(plan.manifests()).hasSize(3);
        assertThat(plan.manifests().get(2).descriptor().digest()).isEqualTo(index);
        assertThat(plan.manifests().get(2).descriptor().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(plan.manifests().subList(0, 2)).allMatch(m -> m.descriptor().mediaType().equals(MediaTypes.OCI_MANIFEST));
        // Per manifest: its config, then its layers.
        assertThat(plan.blobs()).extracting(PushPlan.Blob::layer).containsExactly(false, true, true, false, true);
        assertThat(plan.blobs().get(0).what()).isEqualTo("config " + plan.blobs().get(0).descriptor().digest());
        assertThat(plan.blobs().get(2).what()).isEqualTo("layer 2 " + plan.blobs().get(2).descriptor().digest());
        assertThat(plan.layers()).extracting(PushEvent.Layer::id).containsExactly(
                plan.blobs().get(1).descriptor().digest(), plan.blobs().get(2).descriptor().digest(),
                plan.blobs().get(4).descriptor().digest());
        for (PushPlan.Blob blob : plan.blobs()) {
            byte[] bytes = read(blob.opener());
            assertThat(TestArchives.sha256(bytes)).isEqualTo(blob.descriptor().digest());
            assertThat((long) bytes.length).isEqualTo(blob.descriptor().size());
        }
    }
}
