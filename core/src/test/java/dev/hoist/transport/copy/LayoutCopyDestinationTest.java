package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.copy.CopyDestination.BlobResult;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import dev.hoist.transport.source.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LayoutCopyDestination}: a layout made, blobs checked while written, {@code index.json} rewritten. */
class LayoutCopyDestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static Descriptor blob(byte[] bytes) {
        return new Descriptor("application/octet-stream", TestArchives.sha256(bytes), bytes.length);
    }

    private static CopyDestination.BlobOpener bytes(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    /** Every path under {@code dir}, relative, sorted. */
    static List<String> tree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static JsonNode index(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("index.json").toFile());
    }

    private static RawManifest manifest(String text) {
        return RawManifest.of(MediaTypes.OCI_MANIFEST, text.getBytes());
    }

    @Test
    void aMissingOrEmptyDirectoryBecomesALayoutAndAFileOrAForeignDirectoryIsRefused() throws Exception {
        for (Path dir : List.of(temp.resolve("missing/deeper"), Files.createDirectory(temp.resolve("empty")))) {
            try (LayoutCopyDestination destination = LayoutCopyDestination.open(dir, Optional.of("v1"), "oci:" + dir)) {
                assertThat(Files.readString(dir.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
                assertThat(index(dir).path("schemaVersion").asInt()).isEqualTo(2);
                assertThat(index(dir).path("manifests").size()).isZero();
                assertThat(Files.isDirectory(dir.resolve("blobs/sha256"))).isTrue();
                assertThat(destination.currentDigest()).isEmpty();
            }
        }
        Path foreign = Files.createDirectory(temp.resolve("home"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> LayoutCopyDestination.open(foreign, Optional.empty(), "oci:" + foreign))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The destination oci:" + foreign + " is a directory that holds files but is not an OCI"
                        + " image layout (it has no oci-layout file); give a missing or empty directory, or an OCI"
                        + " image layout.");
        assertThat(tree(foreign)).containsExactly("notes.txt");
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> LayoutCopyDestination.open(file, Optional.empty(), "oci:" + file))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The destination oci:" + file + " is a file, not a directory; give a missing or empty"
                        + " directory, or an OCI image layout.");
        Path badIndex = Files.createDirectory(temp.resolve("bad-index"));
        Files.write(badIndex.resolve("oci-layout"), LayoutCopyDestination.OCI_LAYOUT);
        Files.writeString(badIndex.resolve("index.json"), "[1,2]");
        assertThatThrownBy(() -> LayoutCopyDestination.open(badIndex, Optional.empty(), "oci:" + badIndex))
                .isInstanceOf(ImageSourceException.class)
                .hasMessageContaining("its index.json is not an image index");
    }

    @Test
    void aBlobIsWrittenOnceAndAFileOfTheWrongSizeIsReplaced() throws Exception {
        Path dir = temp.resolve("layout");
        byte[] bytes = new byte[100_000];
        TestArchives.random().nextBytes(bytes);
        Descriptor blob = blob(bytes);
        Path file = dir.resolve("blobs/sha256/" + blob.digest().substring(7));
        try (LayoutCopyDestination destination = LayoutCopyDestination.open(dir, Optional.empty(), "oci:" + dir)) {
            assertThat(destination.putBlob(blob, Optional.empty(), bytes(bytes))).isEqualTo(BlobResult.COPIED);
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
            assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                    .contains("OTHERS_READ", "GROUP_READ", "OWNER_WRITE");
            AtomicLong opened = new AtomicLong();
            assertThat(destination.putBlob(blob, Optional.empty(), () -> {
                opened.incrementAndGet();
                return new ByteArrayInputStream(bytes);
            })).isEqualTo(BlobResult.EXISTS);
            assertThat(opened).hasValue(0);
            Files.write(file, new byte[10]);
            assertThat(destination.putBlob(blob, Optional.empty(), bytes(bytes))).isEqualTo(BlobResult.COPIED);
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        }
        assertThat(tree(dir)).allMatch(p -> !p.contains(".hoist-"));
    }

    @Test
    void bytesThatDoNotMatchTheDescriptorAreRefusedAndNothingOfThemStays() throws Exception {
        Path dir = temp.resolve("layout");
        byte[] bytes = "the real blob".getBytes();
        Descriptor blob = blob(bytes);
        byte[] other = "the real blub".getBytes();
        byte[] longer = "the real blob, and more".getBytes();
        try (LayoutCopyDestination destination = LayoutCopyDestination.open(dir, Optional.of("v1"), "oci:" + dir)) {
            List<String> before = tree(dir);
            assertThatThrownBy(() -> destination.putBlob(blob, Optional.empty(), bytes(other)))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(e -> assertThat(((ImageSourceException) e).reason())
                            .isEqualTo(ImageSourceException.Reason.DIGEST_MISMATCH))
                    .hasMessage("The blob " + blob.digest() + " (" + bytes.length + " bytes) copied to oci:" + dir
                            + " is damaged: its source gave " + other.length + " bytes hashing to "
                            + TestArchives.sha256(other) + "; nothing of it was kept. Re-create the source and copy"
                            + " again.");
            AtomicLong read = new AtomicLong();
            assertThatThrownBy(() -> destination.putBlob(blob, Optional.empty(), () -> new InputStream() {
                @Override
                public int read() {
                    read.incrementAndGet();
                    return 'x';
                }
            })).isInstanceOf(ImageSourceException.class)
                    .hasMessageContaining("its source gave more than " + bytes.length + " bytes");
            assertThat(read.get()).as("bytes read from an endless stream").isLessThanOrEqualTo(bytes.length + 1);
            assertThatThrownBy(() -> destination.putBlob(blob, Optional.empty(), bytes(longer)))
                    .hasMessageContaining("more than " + bytes.length + " bytes");
            assertThatThrownBy(() -> destination.putManifest(new RawManifest(TestArchives.sha256(bytes),
                    MediaTypes.OCI_MANIFEST, other))).hasMessageContaining("is damaged");
            assertThatThrownBy(() -> destination.putBlob(blob, Optional.empty(), () -> {
                throw new IOException("disk on fire");
            })).isInstanceOf(ImageSourceException.class)
                    .hasMessage("Cannot read blob " + blob.digest() + " to copy it to oci:" + dir + ": disk on fire.");
            assertThat(tree(dir)).isEqualTo(before);
        }
    }

    @Test
    void commitPutsTheRootUnderItsReferenceKeepingOtherEntries() throws Exception {
        Path dir = temp.resolve("layout");
        RawManifest first = manifest("{\"schemaVersion\":2,\"n\":1}");
        RawManifest second = manifest("{\"schemaVersion\":2,\"n\":2}");
        RawManifest other = manifest("{\"schemaVersion\":2,\"n\":3}");
        try (LayoutCopyDestination v1 = LayoutCopyDestination.open(dir, Optional.of("v1"), "oci:" + dir + ":v1")) {
            v1.commit(first);
        }
        try (LayoutCopyDestination keep = LayoutCopyDestination.open(dir, Optional.of("keep"), "oci:" + dir + ":keep")) {
            keep.commit(other);
        }
        assertThat(Files.readAllBytes(LayoutCopySourceTest.blobFile(dir, first.digest()))).isEqualTo(first.bytes());
        try (LayoutCopyDestination v1 = LayoutCopyDestination.open(dir, Optional.of("v1"), "oci:" + dir + ":v1")) {
            assertThat(v1.currentDigest()).contains(first.digest());
            v1.commit(second);
            assertThat(v1.currentDigest()).contains(second.digest());
        }
        JsonNode entries = index(dir).get("manifests");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).toString()).isEqualTo("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"digest\":\"" + second.digest() + "\",\"size\":" + second.size()
                + ",\"annotations\":{\"" + OciLayout.REF_NAME + "\":\"v1\"}}");
        assertThat(entries.get(1).path("digest").asText()).isEqualTo(other.digest());
        assertThat(entries.get(1).path("annotations").path(OciLayout.REF_NAME).asText()).isEqualTo("keep");

        // skopeo's own readers agree: the layout reads back under both names.
        assertThat(LayoutCopySource.layout(dir, Optional.of("v1"), "oci:" + dir, LayoutCopySourceTest.NO_LINKS_OUT)
                .root().bytes()).isEqualTo(second.bytes());
        assertThat(tree(dir)).allMatch(p -> !p.contains(".hoist-"));
    }

    @Test
    void withoutAReferenceTheRootIsAddedOnceAndTheOnlyEntryIsTheCurrentOne() throws Exception {
        Path dir = temp.resolve("layout");
        RawManifest first = manifest("{\"schemaVersion\":2,\"n\":1}");
        RawManifest second = manifest("{\"schemaVersion\":2,\"n\":2}");
        try (LayoutCopyDestination destination = LayoutCopyDestination.open(dir, Optional.empty(), "oci:" + dir)) {
            destination.commit(first);
            assertThat(destination.currentDigest()).contains(first.digest());
            destination.commit(first);
            assertThat(index(dir).get("manifests")).hasSize(1);
            assertThat(index(dir).get("manifests").get(0).has("annotations")).isFalse();
            destination.commit(second);
            assertThat(index(dir).get("manifests")).extracting(e -> e.path("digest").asText())
                    .containsExactly(first.digest(), second.digest());
            assertThat(destination.currentDigest()).isEmpty();
        }
        // A named copy of the same digest takes the nameless entry's place.
        try (LayoutCopyDestination named = LayoutCopyDestination.open(dir, Optional.of("v2"), "oci:" + dir + ":v2")) {
            named.commit(second);
        }
        assertThat(index(dir).get("manifests")).extracting(e -> e.path("annotations").path(OciLayout.REF_NAME)
                .asText("-")).containsExactly("-", "v2");
    }

    @Test
    void abortRemovesTemporaryFilesAndALayoutItCreatedButKeepsAnExistingLayout() throws Exception {
        Path created = temp.resolve("new");
        byte[] bytes = "blob".getBytes();
        LayoutCopyDestination fresh = LayoutCopyDestination.open(created, Optional.of("v1"), "oci:" + created);
        fresh.putBlob(blob(bytes), Optional.empty(), bytes(bytes));
        fresh.abort();
        fresh.close();
        assertThat(created).doesNotExist();

        Path existing = temp.resolve("existing");
        try (LayoutCopyDestination first = LayoutCopyDestination.open(existing, Optional.of("v1"), "oci:" + existing)) {
            first.commit(manifest("{\"schemaVersion\":2}"));
        }
        byte[] indexBefore = Files.readAllBytes(existing.resolve("index.json"));
        LayoutCopyDestination again = LayoutCopyDestination.open(existing, Optional.of("v2"), "oci:" + existing);
        again.putBlob(blob(bytes), Optional.empty(), bytes(bytes));
        // A put still under way when the copy fails has a temporary file, which abort removes at once.
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InputStream stuck = new InputStream() {
            @Override
            public int read() throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the source went away");
            }
        };
        Thread put = new Thread(() -> {
            try {
                again.putBlob(blob("other".getBytes()), Optional.empty(), () -> stuck);
            } catch (ImageSourceException expected) {
                // the source went away
            }
        });
        put.start();
        reading.await();
        assertThat(tree(existing)).anyMatch(p -> p.contains(".hoist-"));
        again.abort();
        assertThat(tree(existing)).noneMatch(p -> p.contains(".hoist-"));
        release.countDown();
        put.join();
        again.abort();
        again.close();
        assertThat(Files.readAllBytes(existing.resolve("index.json"))).isEqualTo(indexBefore);
        assertThat(LayoutCopySourceTest.blobFile(existing, TestArchives.sha256(bytes))).exists();
        assertThat(tree(existing)).allMatch(p -> !p.contains(".hoist-"));
    }

    @Test
    void localStoresOpensTheDestinationTheKindNames() throws Exception {
        Path dir = temp.resolve("layout");
        List<CopyDestination> opened = new ArrayList<>();
        try (CopyDestination layout = LocalStores.destination(ImageDestination.parse("oci:" + dir + ":v1"));
             CopyDestination ociArchive = LocalStores.destination(ImageDestination.parse("oci-archive:"
                     + temp.resolve("a.tar") + ":v1"));
             CopyDestination dockerArchive = LocalStores.destination(ImageDestination.parse("docker-archive:"
                     + temp.resolve("d.tar") + ":app:1"))) {
            opened.add(layout);
            opened.add(ociArchive);
            opened.add(dockerArchive);
            assertThat(layout).isInstanceOf(LayoutCopyDestination.class);
            assertThat(layout.display()).isEqualTo("oci:" + dir + ":v1");
            assertThat(ociArchive).isInstanceOf(OciArchiveDestination.class);
            assertThat(dockerArchive).isInstanceOf(DockerArchiveDestination.class);
            assertThat(dockerArchive.holdsIndexes()).isFalse();
            assertThat(layout.holdsIndexes()).isTrue();
        }
        assertThat(opened).hasSize(3);
        assertThat(tree(temp)).allMatch(p -> p.startsWith("layout")); // the archives' stages are gone
        assertThatThrownBy(() -> LocalStores.destination(ImageDestination.parse("docker://localhost:5000/a:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
