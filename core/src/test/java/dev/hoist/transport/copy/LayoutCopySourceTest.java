package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LayoutCopySource} over {@code oci:} layouts and {@code oci-archive:} tars made in test code. */
class LayoutCopySourceTest {

    static final String LINKS_SETTING = "hoist.registry-api.allow-links-out-of-layout";
    static final OciLayout.Links NO_LINKS_OUT = new OciLayout.Links(false, LINKS_SETTING);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** A two-platform layout tagged {@code ref} in {@code dir}; returns the index's digest. */
    static String twoPlatformLayout(Path dir, String ref) throws IOException {
        return TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(3000, 500),
                TestArchives.randomImage(2000)), List.of("linux/amd64", "linux/arm64"), ref, dir);
    }

    /** The files of a layout as tar entries: {@code oci-layout}, {@code index.json}, then the blobs. */
    static Map<String, byte[]> entries(Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("oci-layout", Files.readAllBytes(dir.resolve("oci-layout")));
        entries.put("index.json", Files.readAllBytes(dir.resolve("index.json")));
        try (Stream<Path> blobs = Files.list(dir.resolve("blobs/sha256"))) {
            for (Path blob : blobs.sorted().toList()) {
                entries.put("blobs/sha256/" + blob.getFileName(), Files.readAllBytes(blob));
            }
        }
        return entries;
    }

    static Path blobFile(Path dir, String digest) {
        return dir.resolve("blobs/sha256/" + digest.substring(7));
    }

    /** The descriptors an index or manifest names: children for an index, config then layers for a manifest. */
    static List<Descriptor> named(RawManifest manifest) {
        JsonNode json = CopyDriver.json(manifest);
        List<Descriptor> out = new ArrayList<>();
        if (json.has("manifests")) {
            json.get("manifests").forEach(m -> out.add(CopyDriver.descriptor(m)));
        } else {
            out.add(CopyDriver.descriptor(json.get("config")));
            json.get("layers").forEach(l -> out.add(CopyDriver.descriptor(l)));
        }
        return out;
    }

    private List<LayoutCopySource> bothKinds(Path dir, Optional<String> ref) throws IOException {
        Path archive = TestArchives.archive(entries(dir), temp.resolve("image.tar"), false);
        String suffix = ref.map(r -> ":" + r).orElse("");
        return List.of(LayoutCopySource.layout(dir, ref, "oci:" + dir + suffix, NO_LINKS_OUT),
                LayoutCopySource.archive(archive, ref, "oci-archive:" + archive + suffix));
    }

    @Test
    void theRootIsTheEntrysIndexByteForByteAndEveryChildAndBlobIsReadWhenAskedFor() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        for (LayoutCopySource source : bothKinds(dir, Optional.of("v1"))) {
            RawManifest root = source.root();
            assertThat(root.digest()).as(source.display()).isEqualTo(index);
            assertThat(root.bytes()).isEqualTo(Files.readAllBytes(blobFile(dir, index)));
            assertThat(root.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
            List<Descriptor> children = named(root);
            assertThat(children).hasSize(2);
            for (Descriptor child : children) {
                RawManifest manifest = source.manifest(child);
                assertThat(manifest.bytes()).isEqualTo(Files.readAllBytes(blobFile(dir, child.digest())));
                assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
                for (Descriptor blob : named(manifest)) {
                    assertThat(source.hasBlob(blob)).isTrue();
                    try (InputStream in = source.openBlob(blob)) {
                        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(blobFile(dir, blob.digest())));
                    }
                }
            }
            source.close();
        }
    }

    @Test
    void nothingUnderTheRootIsReadBeforeItIsAskedFor() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        Descriptor child = named(RawManifest.of(MediaTypes.OCI_INDEX,
                Files.readAllBytes(blobFile(dir, index)))).get(0);
        Files.delete(blobFile(dir, child.digest()));
        for (LayoutCopySource source : bothKinds(dir, Optional.of("v1"))) {
            assertThat(source.root().digest()).isEqualTo(index);
            assertThatThrownBy(() -> source.manifest(child)).isInstanceOf(ImageSourceException.class)
                    .hasMessageContaining("is missing the manifest blob " + child.digest());
        }
    }

    @Test
    void aMissingReferenceListsTheReferencesThereAreAndSeveralNeedOne() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        ObjectNode indexJson = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
        ArrayNode entries = (ArrayNode) indexJson.get("manifests");
        ObjectNode second = entries.get(0).deepCopy();
        ((ObjectNode) second.get("annotations")).put(OciLayout.REF_NAME, "v2");
        entries.add(second);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(indexJson));

        Path archive = TestArchives.archive(entries(dir), temp.resolve("image.tar"), false);
        assertThatThrownBy(() -> LayoutCopySource.layout(dir, Optional.of("v3"), "oci:" + dir + ":v3", NO_LINKS_OUT)
                .root()).isInstanceOf(ImageSourceException.class)
                .hasMessage("The OCI layout oci:" + dir + ":v3 has no image with reference 'v3'; it has v1, v2.");
        assertThatThrownBy(() -> LayoutCopySource.archive(archive, Optional.of("v3"), "oci-archive:" + archive
                + ":v3").root()).isInstanceOf(ImageSourceException.class)
                .hasMessage("The OCI archive oci-archive:" + archive + ":v3 has no image with reference 'v3'; it has"
                        + " v1, v2.");
        assertThatThrownBy(() -> LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir, NO_LINKS_OUT).root())
                .hasMessage("The OCI layout oci:" + dir + " holds 2 images (v1, v2); name one: oci:DIR:REF.");
        assertThatThrownBy(() -> LayoutCopySource.archive(archive, Optional.empty(), "oci-archive:" + archive).root())
                .hasMessage("The OCI archive oci-archive:" + archive + " holds 2 images (v1, v2); name one:"
                        + " oci-archive:PATH:REF.");
        assertThat(LayoutCopySource.archive(archive, Optional.of("v2"), "a").root().digest()).isEqualTo(index);
    }

    @Test
    void aManifestWhoseBytesOrSizeDoNotMatchItsDescriptorIsADigestMismatch() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        Descriptor child = named(RawManifest.of(MediaTypes.OCI_INDEX,
                Files.readAllBytes(blobFile(dir, index)))).get(1);
        byte[] good = Files.readAllBytes(blobFile(dir, child.digest()));
        byte[] bad = new String(good).replace("\"schemaVersion\":2", "\"schemaVersion\":3").getBytes();
        assertThat(bad).isNotEqualTo(good).hasSameSizeAs(good);
        Files.write(blobFile(dir, child.digest()), bad);
        for (LayoutCopySource source : bothKinds(dir, Optional.of("v1"))) {
            assertThatThrownBy(() -> source.manifest(child)).isInstanceOf(ImageSourceException.class)
                    .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                            .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH))
                    .hasMessage("The manifest " + child.digest() + " of " + source.display() + " is damaged: its bytes"
                            + " hash to " + TestArchives.sha256(bad) + " but the image says " + child.digest() + "."
                            + " Re-create the archive or layout and push again.");
        }
        Files.write(blobFile(dir, child.digest()), good);
        Descriptor wrongSize = new Descriptor(child.mediaType(), child.digest(), child.size() + 1);
        for (LayoutCopySource source : bothKinds(dir, Optional.of("v1"))) {
            assertThatThrownBy(() -> source.manifest(wrongSize)).isInstanceOf(ImageSourceException.class)
                    .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                            .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining("is damaged: it is " + child.size() + " bytes but the image says "
                            + (child.size() + 1));
            assertThat(source.manifest(child).bytes()).isEqualTo(good);
        }
        // The root too: index.json names bytes the blob file does not hold.
        Files.write(blobFile(dir, index), "{\"schemaVersion\":2,\"manifests\":[]}".getBytes());
        for (LayoutCopySource source : bothKinds(dir, Optional.of("v1"))) {
            assertThatThrownBy(source::root).isInstanceOf(ImageSourceException.class)
                    .hasMessageStartingWith("The manifest " + index + " of " + source.display() + " is damaged");
        }
    }

    @Test
    void aBlobTheLayoutLacksIsReportedMissing() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        LayoutCopySource whole = LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir, NO_LINKS_OUT);
        Descriptor layer = named(whole.manifest(named(whole.root()).get(0))).get(1);
        Files.delete(blobFile(dir, layer.digest()));
        for (LayoutCopySource source : bothKinds(dir, Optional.empty())) {
            assertThat(source.root().digest()).isEqualTo(index);
            assertThat(source.hasBlob(layer)).as(source.display()).isFalse();
            assertThatThrownBy(() -> source.openBlob(layer)).isInstanceOf(ImageSourceException.class)
                    .hasMessageContaining("is missing blob " + layer.digest());
        }
    }

    @Test
    void aLayoutBlobLinkedOutOfTheLayoutIsRefusedUnlessTheSettingAllowsIt() throws Exception {
        Path dir = temp.resolve("layout");
        twoPlatformLayout(dir, "v1");
        LayoutCopySource plain = LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir, NO_LINKS_OUT);
        Descriptor layer = named(plain.manifest(named(plain.root()).get(0))).get(1);
        Path outside = Files.move(blobFile(dir, layer.digest()), temp.resolve("outside.bin"));
        Files.createSymbolicLink(blobFile(dir, layer.digest()), outside);

        LayoutCopySource source = LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir, NO_LINKS_OUT);
        String message = "The entry blobs/sha256/" + layer.digest().substring(7) + " of the OCI layout oci:" + dir
                + " links outside the layout; Hoist reads nothing outside a layout unless " + LINKS_SETTING + " = true.";
        assertThatThrownBy(() -> source.hasBlob(layer)).isInstanceOf(ImageSourceException.class).hasMessage(message);
        assertThatThrownBy(() -> source.openBlob(layer)).isInstanceOf(ImageSourceException.class).hasMessage(message);

        LayoutCopySource allowed = LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir,
                new OciLayout.Links(true, LINKS_SETTING));
        try (InputStream in = allowed.openBlob(layer)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(outside));
        }
    }

    @Test
    void anArchiveEntryThatClimbsOutOrIsAbsoluteIsRefusedWhenTheArchiveIsOpened() throws Exception {
        Path dir = temp.resolve("layout");
        twoPlatformLayout(dir, "v1");
        Map<String, byte[]> entries = entries(dir);
        entries.put("../evil.json", new byte[] {1});
        Path archive = TestArchives.archive(entries, temp.resolve("climb.tar"), false);
        assertThatThrownBy(() -> LayoutCopySource.archive(archive, Optional.empty(), "oci-archive:" + archive))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The entry ../evil.json of the archive oci-archive:" + archive + " lies outside the archive"
                        + " (its name climbs out with ..); Hoist reads nothing outside an archive.");

        // An absolute name, as GNU tar writes with -P: TarFile keeps its leading '/'.
        Path absolute = temp.resolve("absolute.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(absolute))) {
            for (Map.Entry<String, byte[]> file : entries(dir).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            TarArchiveEntry evil = new TarArchiveEntry("/etc/evil.json", true);
            evil.setSize(1);
            tar.putArchiveEntry(evil);
            tar.write(1);
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> LayoutCopySource.archive(absolute, Optional.empty(), "oci-archive:" + absolute))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The entry /etc/evil.json of the archive oci-archive:" + absolute + " lies outside the"
                        + " archive (its name is absolute); Hoist reads nothing outside an archive.");
    }

    @Test
    void anArchiveLinkIsFollowedInsideTheArchiveOnlyAndOneLeadingOutIsRefusedNamingIt() throws Exception {
        Path dir = temp.resolve("layout");
        twoPlatformLayout(dir, "v1");
        LayoutCopySource plain = LayoutCopySource.layout(dir, Optional.empty(), "oci:" + dir, NO_LINKS_OUT);
        Descriptor layer = named(plain.manifest(named(plain.root()).get(0))).get(1);
        String entry = "blobs/sha256/" + layer.digest().substring(7);
        byte[] bytes = Files.readAllBytes(blobFile(dir, layer.digest()));

        for (String target : List.of("/etc/passwd", "../../../etc/passwd", "hard:../etc/passwd", "hard:/etc/passwd")) {
            Map<String, byte[]> entries = entries(dir);
            entries.remove(entry);
            Path archive = TestArchives.archive(entries, Map.of(entry, target), temp.resolve("out.tar"), false);
            LayoutCopySource source = LayoutCopySource.archive(archive, Optional.empty(), "oci-archive:" + archive);
            String message = "The entry " + entry + " of the archive oci-archive:" + archive + " links outside the"
                    + " archive; Hoist reads nothing outside an archive.";
            assertThat(source.root().digest()).isNotEmpty();
            assertThatThrownBy(() -> source.hasBlob(layer)).as(target).isInstanceOf(ImageSourceException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> source.openBlob(layer)).as(target).hasMessage(message);
        }
        for (String target : List.of("../../layers/base.tar.gz", "hard:layers/base.tar.gz")) {
            Map<String, byte[]> entries = entries(dir);
            entries.remove(entry);
            entries.put("layers/base.tar.gz", bytes);
            Path archive = TestArchives.archive(entries, Map.of(entry, target), temp.resolve("in.tar"), false);
            LayoutCopySource source = LayoutCopySource.archive(archive, Optional.empty(), "oci-archive:" + archive);
            assertThat(source.hasBlob(layer)).as(target).isTrue();
            try (InputStream in = source.openBlob(layer)) {
                assertThat(in.readAllBytes()).as(target).isEqualTo(bytes);
            }
        }
    }

    @Test
    void aGzipOrDockerSaveArchiveIsRefusedAsAnOciArchive() throws Exception {
        Path dir = temp.resolve("layout");
        twoPlatformLayout(dir, "v1");
        Path gzip = TestArchives.archive(entries(dir), temp.resolve("image.tar.gz"), true);
        assertThatThrownBy(() -> LayoutCopySource.archive(gzip, Optional.empty(), "oci-archive:" + gzip))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The archive oci-archive:" + gzip + " is gzip-compressed; Hoist reads an OCI archive as a"
                        + " plain tar: gunzip it first.");
        Path docker = TestArchives.legacyArchive(TestArchives.randomImage(100), "app:1", temp.resolve("d.tar"), false);
        assertThatThrownBy(() -> LayoutCopySource.archive(docker, Optional.empty(), "oci-archive:" + docker))
                .isInstanceOf(ImageSourceException.class)
                .hasMessageEndingWith(": it is a docker save archive, which docker-archive:" + docker + " reads.");
        assertThatThrownBy(() -> LayoutCopySource.archive(temp.resolve("none.tar"), Optional.empty(), "oci-archive:x"))
                .isInstanceOf(ImageSourceException.class).hasMessageContaining("does not exist");
    }

    @Test
    void blobsOfAnArchiveStreamCorrectlyFromManyThreadsAtOnce() throws Exception {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
        entries.put("index.json", "{\"schemaVersion\":2,\"manifests\":[]}".getBytes());
        for (int i = 0; i < 8; i++) {
            byte[] blob = new byte[300_000 + i];
            TestArchives.random().nextBytes(blob);
            blobs.put(TestArchives.sha256(blob), blob);
            entries.put("blobs/sha256/" + TestArchives.sha256(blob).substring(7), blob);
        }
        Path archive = TestArchives.archive(entries, temp.resolve("many.tar"), false);
        LayoutCopySource source = LayoutCopySource.archive(archive, Optional.empty(), "oci-archive:" + archive);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                List<String> order = new ArrayList<>(blobs.keySet());
                Collections.shuffle(order, TestArchives.random());
                results.add(pool.submit(() -> {
                    for (String digest : order) {
                        try (InputStream in = source.openBlob(new Descriptor("", digest, blobs.get(digest).length))) {
                            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                            byte[] small = new byte[997];
                            int n;
                            while ((n = in.read(small)) > 0) {
                                out.write(small, 0, n);
                                Thread.yield();
                            }
                            if (!TestArchives.sha256(out.toByteArray()).equals(digest)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void localStoresOpensTheSourceTheKindNames() throws Exception {
        Path dir = temp.resolve("layout");
        String index = twoPlatformLayout(dir, "v1");
        Path archive = TestArchives.archive(entries(dir), temp.resolve("image.tar"), false);
        try (CopySource layout = LocalStores.source(ImageSource.parse("oci:" + dir + ":v1"), NO_LINKS_OUT);
             CopySource tar = LocalStores.source(ImageSource.parse("oci-archive:" + archive + ":v1"), NO_LINKS_OUT)) {
            assertThat(layout.display()).isEqualTo("oci:" + dir + ":v1");
            assertThat(layout.root().digest()).isEqualTo(index);
            assertThat(tar.display()).isEqualTo("oci-archive:" + archive + ":v1");
            assertThat(tar.root().digest()).isEqualTo(index);
        }
        assertThatThrownBy(() -> LocalStores.source(ImageSource.parse("docker-daemon:app:1"), NO_LINKS_OUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
