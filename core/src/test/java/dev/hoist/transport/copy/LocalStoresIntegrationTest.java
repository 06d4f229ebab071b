package dev.hoist.transport.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stores against independent tools: skopeo writes the layouts and archives Hoist reads, and reads back
 * what Hoist writes (byte for byte, and by copying it on, which checks every blob); podman, with its own storage in
 * a temporary directory, and the Docker daemon load the docker archives Hoist writes. A missing tool skips, or fails
 * when {@code HOIST_REQUIRE_SERVICES=1}.
 */
class LocalStoresIntegrationTest {

    @TempDir
    Path temp;

    @BeforeEach
    void requireSkopeo() {
        RegistryApiServices.requireTools("skopeo");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return RegistryApiServices.runOk(List.of(command));
    }

    /** {@code skopeo inspect --raw} of {@code image}. */
    private static String raw(String image) throws IOException, InterruptedException {
        return run("skopeo", "inspect", "--raw", image);
    }

    /** The image's config as skopeo reads it. */
    private static String config(String image) throws IOException, InterruptedException {
        return run("skopeo", "inspect", "--config", "--raw", image);
    }

    /** A docker save archive of a random two-layer image, as test code writes it. */
    private Path dockerSave(String name) throws IOException {
        return TestArchives.legacyArchive(TestArchives.randomImage(40_000, 3_000), name, temp.resolve(name.replace(':',
                '-') + ".tar"), false);
    }

    @Test
    void aLayoutSkopeoWroteIsCopiedToALayoutSkopeoReadsByteForByte() throws Exception {
        Path saved = dockerSave("app:1");
        Path from = temp.resolve("from");
        run("skopeo", "copy", "--quiet", "docker-archive:" + saved, "oci:" + from + ":v1");
        Path to = temp.resolve("to");

        CopyDriver.Copied copied;
        try (CopySource source = LayoutCopySource.layout(from, Optional.of("v1"), "oci:" + from + ":v1",
                LayoutCopySourceTest.NO_LINKS_OUT);
             CopyDestination destination = LayoutCopyDestination.open(to, Optional.of("v2"), "oci:" + to + ":v2")) {
            copied = CopyDriver.copy(source, destination);
            assertThat(source.root().bytes()).isEqualTo(raw("oci:" + from + ":v1").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(copied.blobs().values()).containsOnly(CopyDestination.BlobResult.COPIED).hasSize(3);
        String written = raw("oci:" + to + ":v2");
        assertThat(written).isEqualTo(raw("oci:" + from + ":v1"));
        assertThat(TestArchives.sha256(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(copied.digest());

        // skopeo copies it on (checking every blob) and reads the same image from there.
        Path archive = temp.resolve("check.tar");
        run("skopeo", "copy", "--quiet", "oci:" + to + ":v2", "oci-archive:" + archive + ":v2");
        assertThat(raw("oci-archive:" + archive + ":v2")).isEqualTo(written);
        assertThat(config("oci:" + to + ":v2")).isEqualTo(config("oci:" + from + ":v1"));

        // The same copy again finds it there.
        try (CopySource source = LayoutCopySource.layout(from, Optional.of("v1"), "oci:" + from,
                LayoutCopySourceTest.NO_LINKS_OUT);
             CopyDestination destination = LayoutCopyDestination.open(to, Optional.of("v2"), "oci:" + to + ":v2")) {
            assertThat(CopyDriver.copy(source, destination).skipped()).isTrue();
        }
        // Into a layout skopeo wrote, beside its image: both stay readable.
        try (CopySource source = LayoutCopySource.layout(to, Optional.of("v2"), "oci:" + to,
                LayoutCopySourceTest.NO_LINKS_OUT);
             CopyDestination destination = LayoutCopyDestination.open(from, Optional.of("v3"), "oci:" + from + ":v3")) {
            CopyDriver.Copied again = CopyDriver.copy(source, destination);
            assertThat(again.blobs().values()).containsOnly(CopyDestination.BlobResult.EXISTS);
        }
        assertThat(raw("oci:" + from + ":v3")).isEqualTo(written);
        assertThat(raw("oci:" + from + ":v1")).isEqualTo(written);
    }

    @Test
    void anOciArchiveSkopeoWroteIsCopiedToAnOciArchiveSkopeoReadsByteForByte() throws Exception {
        Path saved = dockerSave("app:2");
        Path from = temp.resolve("from.tar");
        run("skopeo", "copy", "--quiet", "docker-archive:" + saved, "oci-archive:" + from + ":v1");
        Path to = temp.resolve("to.tar");
        try (CopySource source = LayoutCopySource.archive(from, Optional.of("v1"), "oci-archive:" + from + ":v1");
             CopyDestination destination = OciArchiveDestination.open(to, Optional.of("v1"),
                     "oci-archive:" + to + ":v1")) {
            CopyDriver.copy(source, destination);
        }
        String written = raw("oci-archive:" + to + ":v1");
        assertThat(written).isEqualTo(raw("oci-archive:" + from + ":v1"));
        Path back = temp.resolve("back");
        run("skopeo", "copy", "--quiet", "oci-archive:" + to + ":v1", "oci:" + back + ":v1");
        assertThat(raw("oci:" + back + ":v1")).isEqualTo(written);
        assertThat(config("oci:" + back + ":v1")).isEqualTo(config("oci-archive:" + from + ":v1"));
    }

    @Test
    void aMultiPlatformIndexGoesOciToOciArchiveToOciWithTheSameDigest() throws Exception {
        Path layout = temp.resolve("layout");
        String index = LayoutCopySourceTest.twoPlatformLayout(layout, "multi");
        Path archive = temp.resolve("multi.tar");
        Path out = temp.resolve("out");
        try (CopySource source = LayoutCopySource.layout(layout, Optional.of("multi"), "oci:" + layout,
                LayoutCopySourceTest.NO_LINKS_OUT);
             CopyDestination destination = OciArchiveDestination.open(archive, Optional.of("multi"),
                     "oci-archive:" + archive + ":multi")) {
            assertThat(CopyDriver.copy(source, destination).digest()).isEqualTo(index);
        }
        try (CopySource source = LayoutCopySource.archive(archive, Optional.of("multi"), "oci-archive:" + archive);
             CopyDestination destination = LayoutCopyDestination.open(out, Optional.of("multi"), "oci:" + out)) {
            assertThat(CopyDriver.copy(source, destination).digest()).isEqualTo(index);
        }
        for (String image : List.of("oci-archive:" + archive + ":multi", "oci:" + out + ":multi")) {
            assertThat(TestArchives.sha256(raw(image).getBytes(StandardCharsets.UTF_8))).as(image).isEqualTo(index);
        }
        // skopeo copies every platform on, checking each blob, and keeps the index's digest.
        Path check = temp.resolve("check");
        run("skopeo", "copy", "--quiet", "--all", "oci:" + out + ":multi", "oci:" + check + ":multi");
        assertThat(TestArchives.sha256(raw("oci:" + check + ":multi").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(index);
        for (String arch : List.of("amd64", "arm64")) {
            assertThat(run("skopeo", "--override-arch", arch, "inspect", "--config", "--raw", "oci:" + out + ":multi"))
                    .contains("\"architecture\":\"" + arch + "\"");
        }
    }

    /** A skopeo-written layout (gzip layers) copied to a docker archive named {@code name}; returns its config. */
    private String dockerArchiveOf(Path archive, String name) throws Exception {
        Path saved = dockerSave("app:3");
        Path from = temp.resolve("from");
        run("skopeo", "copy", "--quiet", "docker-archive:" + saved, "oci:" + from + ":v1");
        try (CopySource source = LayoutCopySource.layout(from, Optional.of("v1"), "oci:" + from,
                LayoutCopySourceTest.NO_LINKS_OUT);
             CopyDestination destination = DockerArchiveDestination.open(archive, Optional.of(name),
                     "docker-archive:" + archive + ":" + name)) {
            CopyDriver.copy(source, destination);
        }
        return config("oci:" + from + ":v1");
    }

    @Test
    void aDockerArchiveIsReadBySkopeoAndLoadedByPodman() throws Exception {
        RegistryApiServices.requireTools("podman");
        Path archive = temp.resolve("app.tar");
        String name = "localhost/hoist-local-stores:" + TestImages.uniqueTag();
        String config = dockerArchiveOf(archive, name);
        assertThat(config("docker-archive:" + archive)).isEqualTo(config);
        Path check = temp.resolve("check");
        run("skopeo", "copy", "--quiet", "docker-archive:" + archive, "oci:" + check + ":v1"); // checks the diffIDs
        assertThat(config("oci:" + check + ":v1")).isEqualTo(config);

        List<String> podman = new ArrayList<>(List.of("podman", "--root", temp.resolve("podman/root").toString(),
                "--runroot", temp.resolve("podman/run").toString(), "--storage-driver", "vfs"));
        List<String> load = new ArrayList<>(podman);
        load.addAll(List.of("load", "--quiet", "--input", archive.toString()));
        RegistryApiServices.runOk(load);
        List<String> inspect = new ArrayList<>(podman);
        inspect.addAll(List.of("image", "inspect", "--format", "{{.Id}}", name));
        assertThat(RegistryApiServices.runOk(inspect).strip())
                .isEqualTo(TestArchives.sha256(config.getBytes(StandardCharsets.UTF_8)).substring(7));
    }

    @Test
    void dockerLoadsTheDockerArchiveAndItsIdIsTheConfigDigest() throws Exception {
        TestServices.require();
        Path archive = temp.resolve("app.tar");
        String name = "hoist-local-stores:" + TestImages.uniqueTag();
        String config = dockerArchiveOf(archive, name);
        try {
            run("docker", "load", "--quiet", "--input", archive.toString());
            assertThat(run("docker", "image", "inspect", "--format", "{{.Id}}", name).strip())
                    .isEqualTo(TestArchives.sha256(config.getBytes(StandardCharsets.UTF_8)));
        } finally {
            RegistryApiServices.run(List.of("docker", "image", "rm", "--force", name));
        }
    }
}
