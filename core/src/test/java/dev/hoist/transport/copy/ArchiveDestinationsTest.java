package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OciArchiveDestination} and {@link DockerArchiveDestination}: what they write, and what they refuse. */
class ArchiveDestinationsTest {

    private static final String GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    @TempDir
    Path temp;

    /** The archive's entries, in order, with their bytes (directories as empty). */
    static Map<String, byte[]> read(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarFile tar = new TarFile(archive)) {
            for (TarArchiveEntry entry : tar.getEntries()) {
                assertThat(entry.getLongUserId()).as(entry.getName()).isZero();
                assertThat(entry.getLongGroupId()).isZero();
                assertThat(entry.getUserName()).isEmpty();
                assertThat(entry.getModTime().getTime()).isZero();
                entries.put(entry.getName(), tar.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private List<String> staging() throws IOException {
        return LayoutCopyDestinationTest.tree(temp).stream().filter(p -> p.contains(".hoist-")).toList();
    }

    @Test
    void anOciArchiveHoldsTheLayoutInAFixedOrderAndTheSameImageGivesTheSameBytes() throws Exception {
        Path dir = temp.resolve("layout");
        String index = LayoutCopySourceTest.twoPlatformLayout(dir, "v1");
        Path first = temp.resolve("first.tar");
        Path second = temp.resolve("second.tar");
        for (Path archive : List.of(first, second)) {
            try (LayoutCopySource source = LayoutCopySource.layout(dir, Optional.of("v1"), "oci:" + dir,
                    LayoutCopySourceTest.NO_LINKS_OUT);
                 OciArchiveDestination destination = OciArchiveDestination.open(archive, Optional.of("app-1"),
                         "oci-archive:" + archive + ":app-1")) {
                assertThat(destination.currentDigest()).isEmpty();
                CopyDriver.copy(source, destination);
            }
        }
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        Map<String, byte[]> entries = read(first);
        List<String> blobs = LayoutCopyDestinationTest.tree(dir.resolve("blobs/sha256")).stream()
                .map(name -> "blobs/sha256/" + name).toList();
        assertThat(entries.keySet()).containsExactlyElementsOf(Stream.concat(
                Stream.of("oci-layout", "index.json", "blobs/", "blobs/sha256/"), blobs.stream()).toList());
        assertThat(entries.get("oci-layout")).isEqualTo(LayoutCopyDestination.OCI_LAYOUT);
        for (String blob : blobs) {
            assertThat(entries.get(blob)).isEqualTo(Files.readAllBytes(dir.resolve(blob)));
        }
        try (LayoutCopySource back = LayoutCopySource.archive(first, Optional.of("app-1"), "oci-archive:" + first)) {
            assertThat(back.root().digest()).isEqualTo(index);
        }
        assertThat(staging()).isEmpty();
    }

    @Test
    void aFailedCopyToAnArchiveLeavesTheFileAsItWasAndNoStagingBehind() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(4000);
        MemorySource good = MemorySource.gzipImage(image);
        Descriptor config = new Descriptor("", image.id(), image.config().length);
        // A source whose config bytes are not what the manifest says.
        MemorySource damaged = new MemorySource(good.root(), Map.of(config.digest(), new byte[image.config().length]));
        for (String kind : List.of("oci-archive", "docker-archive")) {
            Path archive = Files.writeString(temp.resolve(kind + ".tar"), "the old archive");
            CopyDestination destination = kind.equals("oci-archive")
                    ? OciArchiveDestination.open(archive, Optional.empty(), kind + ":" + archive)
                    : DockerArchiveDestination.open(archive, Optional.empty(), kind + ":" + archive);
            assertThat(staging()).isNotEmpty();
            assertThatThrownBy(() -> CopyDriver.copy(damaged, destination)).isInstanceOf(ImageSourceException.class)
                    .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                            .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH));
            destination.close();
            assertThat(Files.readString(archive)).isEqualTo("the old archive");
            assertThat(staging()).as(kind).isEmpty();
        }
    }

    @Test
    void aDockerArchiveHoldsTheConfigTheExpandedLayersAndManifestJson() throws Exception {
        byte[] first = TestArchives.tar(Map.of("a.txt", "one".getBytes()));
        byte[] second = TestArchives.tar(Map.of("b.txt", "two".getBytes()));
        TestArchives.Image image = TestArchives.withLayers(List.of(first, second, first));
        for (boolean gzip : List.of(true, false)) {
            MemorySource source = gzip ? MemorySource.gzipImage(image)
                    : MemorySource.image(image.config(), image.layers(), "application/vnd.oci.image.layer.v1.tar");
            Path archive = temp.resolve("docker-" + gzip + ".tar");
            try (DockerArchiveDestination destination = DockerArchiveDestination.open(archive, Optional.of("app"),
                    "docker-archive:" + archive + ":app")) {
                CopyDriver.copy(source, destination);
            }
            Map<String, byte[]> entries = read(archive);
            String configHex = image.id().substring(7);
            String firstHex = TestArchives.sha256(first).substring(7);
            String secondHex = TestArchives.sha256(second).substring(7);
            assertThat(entries.keySet()).containsExactly(configHex + ".json", firstHex + "/", firstHex + "/layer.tar",
                    secondHex + "/", secondHex + "/layer.tar", "manifest.json");
            assertThat(entries.get(configHex + ".json")).isEqualTo(image.config());
            assertThat(entries.get(firstHex + "/layer.tar")).isEqualTo(first);
            assertThat(entries.get(secondHex + "/layer.tar")).isEqualTo(second);
            assertThat(new String(entries.get("manifest.json"))).isEqualTo("[{\"Config\":\"" + configHex + ".json\","
                    + "\"RepoTags\":[\"app:latest\"],\"Layers\":[\"" + firstHex + "/layer.tar\",\"" + secondHex
                    + "/layer.tar\",\"" + firstHex + "/layer.tar\"]}]");
        }
        assertThat(staging()).isEmpty();
    }

    @Test
    void aDockerArchiveRefusesAnIndexAZstdLayerAndLayersThatAreNotTheirDiffIds() throws Exception {
        Path archive = temp.resolve("docker.tar");
        String display = "docker-archive:" + archive;
        RawManifest index = RawManifest.of(MediaTypes.OCI_INDEX, "{\"schemaVersion\":2,\"manifests\":[]}".getBytes());
        try (DockerArchiveDestination destination = DockerArchiveDestination.open(archive, Optional.empty(), display)) {
            assertThat(destination.holdsIndexes()).isFalse();
            String message = "The destination " + display + " holds one image, not an index of several (a"
                    + " multi-platform image); copy one platform's manifest, or write oci: or oci-archive:.";
            assertThatThrownBy(() -> destination.putManifest(index)).isInstanceOf(ImageSourceException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> destination.commit(index)).isInstanceOf(ImageSourceException.class)
                    .hasMessage(message);
            // A Docker manifest list is an index too, by its media type.
            assertThatThrownBy(() -> destination.commit(RawManifest.of(MediaTypes.DOCKER_MANIFEST_LIST,
                    "{\"schemaVersion\":2}".getBytes()))).hasMessage(message);
        }

        byte[] layer = TestArchives.tar(Map.of("a.txt", "one".getBytes()));
        byte[] zstd = new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
        TestArchives.Image zstdImage = TestArchives.withLayers(List.of(layer));
        MemorySource zstdSource = MemorySource.image(zstdImage.config(), List.of(zstd),
                "application/vnd.oci.image.layer.v1.tar+zstd");
        try (DockerArchiveDestination destination = DockerArchiveDestination.open(archive, Optional.empty(), display)) {
            assertThatThrownBy(() -> CopyDriver.copy(zstdSource, destination)).isInstanceOf(ImageSourceException.class)
                    .hasMessage("Layer 1 (" + TestArchives.sha256(zstd) + ") copied to " + display + " is"
                            + " zstd-compressed, which Hoist does not write into a docker archive (docker load reads"
                            + " gzip and plain layers there); write oci: or oci-archive: instead.");
        }

        // The config names another layer's diffID: gzip and plain.
        TestArchives.Image lying = TestArchives.withLayers(List.of(TestArchives.tar(Map.of("z", new byte[3]))));
        for (boolean gzip : List.of(true, false)) {
            byte[] blob = gzip ? TestArchives.gzip(layer) : layer;
            MemorySource source = MemorySource.image(lying.config(), List.of(blob), gzip ? GZIP_LAYER
                    : "application/vnd.oci.image.layer.v1.tar");
            try (DockerArchiveDestination destination = DockerArchiveDestination.open(archive, Optional.empty(),
                    display)) {
                assertThatThrownBy(() -> CopyDriver.copy(source, destination)).isInstanceOf(ImageSourceException.class)
                        .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                                .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH))
                        .hasMessage("Layer 1 (" + TestArchives.sha256(blob) + ") copied to " + display + " is damaged:"
                                + " it expands to a tar hashing to " + TestArchives.sha256(layer) + " but the image"
                                + " config says " + lying.diffIds().get(0) + "; the archive was not written. Re-create"
                                + " the source and copy again.");
            }
        }
        assertThat(archive).doesNotExist();
        assertThat(staging()).isEmpty();
    }

    @Test
    void aDockerArchiveNameIsAnImageNameWithATag() throws Exception {
        Path archive = temp.resolve("docker.tar");
        assertThatThrownBy(() -> DockerArchiveDestination.open(archive, Optional.of("App:1"), "docker-archive:x"))
                .isInstanceOf(ImageSourceException.class).hasMessageStartingWith("The image name 'App:1' of"
                        + " docker-archive:x is not an image name: ");
        String digest = TestArchives.sha256(new byte[1]);
        assertThatThrownBy(() -> DockerArchiveDestination.open(archive, Optional.of("app@" + digest),
                "docker-archive:x")).isInstanceOf(ImageSourceException.class)
                .hasMessage("The image name 'app@" + digest + "' of docker-archive:x has a digest; a docker archive"
                        + " names its image with a tag, such as app:1.");
        assertThatThrownBy(() -> DockerArchiveDestination.open(temp, Optional.empty(), "docker-archive:" + temp))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The destination docker-archive:" + temp + " is a directory; give the path of an archive"
                        + " file to write.");
        Path nowhere = temp.resolve("no/such/dir/a.tar");
        assertThatThrownBy(() -> OciArchiveDestination.open(nowhere, Optional.empty(), "oci-archive:" + nowhere))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The destination oci-archive:" + nowhere + " cannot be written: the directory "
                        + nowhere.getParent() + " does not exist.");
        assertThat(staging()).isEmpty();
    }
}
