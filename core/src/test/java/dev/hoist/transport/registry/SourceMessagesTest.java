package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.testing.InMemoryRegistry;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.source.ImageSourceOpener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a source that is not what it should be is told: names, OCI archives, doubled control files, messages. */
class SourceMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private RegistryApiTransport transport() {
        return new RegistryApiTransport(new RegistryApiSettings(1, 1, Optional.of(temp.resolve("cache")), 1024 * 1024,
                Duration.ofMillis(300), Duration.ofSeconds(30), Optional.empty(), 1, Duration.ofMillis(10),
                Duration.ofMillis(50)), ImageSourceOpener.withoutEngine());
    }

    /** Pushes {@code source} to an in-JVM registry and returns what it failed with. */
    private Throwable pushFailure(ImageSource source) throws IOException {
        try (InMemoryRegistry registry = InMemoryRegistry.start(); RegistryApiTransport transport = transport()) {
            return org.assertj.core.api.Assertions.catchThrowable(() -> transport.push(source,
                    RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()));
        }
    }

    // Item 11: names compare in canonical form.

    @Test
    void anArchivesNamesAreComparedInCanonicalForm() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100);
        Path full = TestArchives.legacyArchive(image, "docker.io/library/app:1", temp.resolve("full.tar"), false);
        Path shortName = TestArchives.legacyArchive(image, "app:1", temp.resolve("short.tar"), false);
        Path latest = TestArchives.legacyArchive(image, "docker.io/library/app:latest", temp.resolve("l.tar"), false);
        Path registry = TestArchives.legacyArchive(image, "localhost:5000/team/app:1", temp.resolve("r.tar"), false);

        for (String name : List.of("app:1", "library/app:1", "docker.io/library/app:1", "index.docker.io/library/app:1")) {
            assertThat(DockerArchiveReader.read(full, Optional.of(name), "src").config()).as(name).isEqualTo(image.config());
            assertThat(DockerArchiveReader.read(shortName, Optional.of(name), "src").config()).as(name)
                    .isEqualTo(image.config());
        }
        assertThat(DockerArchiveReader.read(latest, Optional.of("app"), "src").config()).isEqualTo(image.config());
        assertThatThrownBy(() -> DockerArchiveReader.read(registry, Optional.of("team/app:1"), "src"))
                .hasMessage("The archive src holds no image named 'team/app:1'; it holds localhost:5000/team/app:1.");
        assertThatThrownBy(() -> DockerArchiveReader.read(shortName, Optional.of("app:2"), "src"))
                .hasMessage("The archive src holds no image named 'app:2'; it holds app:1.");
    }

    // Item 12: control files twice.

    @Test
    void anArchiveHoldingAControlFileTwiceIsRefused() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100);
        Path legacy = TestArchives.legacyArchive(image, "app:1", temp.resolve("app.tar"), false);
        Map<String, byte[]> entries = entries(legacy);
        for (String control : List.of("manifest.json", "index.json", "oci-layout", "repositories")) {
            for (boolean gzip : List.of(false, true)) {
                Path file = temp.resolve("twice-" + control + gzip + ".tar");
                byte[] bytes = entries.getOrDefault(control, "{}".getBytes());
                writeTar(file, gzip, entries, Map.entry(control, bytes), Map.entry(control, bytes));
                assertThat(pushFailure(ImageSource.dockerArchive(file))).as(control).isInstanceOf(ImageSourceException.class)
                        .hasMessage("The archive docker-archive:" + file + " holds " + control + " twice, so which one"
                                + " counts is ambiguous; re-create it (docker save).");
            }
        }
    }

    private static Map<String, byte[]> entries(Path tar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @SafeVarargs
    private static void writeTar(Path file, boolean gzip, Map<String, byte[]> entries, Map.Entry<String, byte[]>... more)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            Map<String, byte[]> rest = new LinkedHashMap<>(entries);
            for (Map.Entry<String, byte[]> extra : more) {
                rest.remove(extra.getKey());
            }
            List<Map.Entry<String, byte[]>> all = new java.util.ArrayList<>(rest.entrySet());
            all.addAll(List.of(more));
            for (Map.Entry<String, byte[]> entry : all) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    // Item 10: an OCI archive.

    @Test
    void anOciArchiveIsCalledWhatItIsWhicheverWayItIsGiven() throws Exception {
        Path dir = temp.resolve("layout");
        TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(100)), List.of("linux/amd64"), "v1", dir);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                entries.put(dir.relativize(path).toString(), Files.readAllBytes(path));
            }
        }
        for (boolean gzip : List.of(false, true)) {
            Path file = TestArchives.archive(entries, temp.resolve("oci" + gzip + ".tar"), gzip);
            assertThat(pushFailure(ImageSource.dockerArchive(file))).isInstanceOf(ImageSourceException.class)
                    .hasMessage("The archive docker-archive:" + file + " is an OCI archive (a tar of an OCI image"
                            + " layout, as podman save --format oci-archive and skopeo copy … oci-archive: write), not a"
                            + " docker save archive: it has no manifest.json, which docker-archive: reads; "
                            + (gzip ? "gunzip it, then read it as oci-archive:FILE." : "read it as oci-archive:" + file
                            + "."));
        }
        Path file = temp.resolve("ocifalse.tar");
        assertThat(pushFailure(ImageSource.ociLayout(file, Optional.empty()))).isInstanceOf(ImageSourceException.class)
                .hasMessage("The OCI layout " + file + " is not a directory: it is an OCI archive (a tar of an OCI"
                        + " image layout, as podman save --format oci-archive and skopeo copy … oci-archive: write);"
                        + " read it as oci-archive:" + file + ".");
        Path docker = TestArchives.legacyArchive(TestArchives.randomImage(10), "app:1", temp.resolve("d.tar"), false);
        assertThat(pushFailure(ImageSource.ociLayout(docker, Optional.empty())))
                .hasMessage("The OCI layout " + docker + " is not a directory: it is a docker save archive, which"
                        + " docker-archive:" + docker + " reads.");
    }

    // Item 18: messages.

    @Test
    void anArchiveWithoutManifestJsonSaysSo() throws Exception {
        for (boolean gzip : List.of(false, true)) {
            Path file = TestArchives.archive(Map.of("a.txt", "x".getBytes()), temp.resolve("none" + gzip + ".tar"),
                    gzip);
            assertThat(pushFailure(ImageSource.dockerArchive(file))).isInstanceOf(ImageSourceException.class)
                    .hasMessage("The archive docker-archive:" + file + " has no manifest.json; is it a docker save"
                            + " archive?");
        }
    }

    @Test
    void aManifestJsonWithTrailingBytesOrLayersOfTheWrongTypeIsRefused() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(100);
        Path legacy = TestArchives.legacyArchive(image, "app:1", temp.resolve("app.tar"), false);
        Map<String, byte[]> entries = entries(legacy);
        byte[] manifest = entries.get("manifest.json");

        Path trailing = temp.resolve("trailing.tar");
        writeTar(trailing, false, entries, Map.entry("manifest.json",
                (new String(manifest, StandardCharsets.UTF_8) + " garbage]").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> DockerArchiveReader.read(trailing, Optional.empty(), "src"))
                .isInstanceOf(ImageSourceException.class).hasMessage("The manifest.json of src is not valid JSON.");

        ArrayNode root = (ArrayNode) JSON.readTree(manifest);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get(0)).put("Layers", "layer.tar");
        Path string = temp.resolve("string.tar");
        writeTar(string, false, entries, Map.entry("manifest.json", JSON.writeValueAsBytes(root)));
        assertThatThrownBy(() -> DockerArchiveReader.read(string, Optional.empty(), "src"))
                .isInstanceOf(ImageSourceException.class)
                .hasMessage("The Layers of an image in the manifest.json of src is a string, not a list of paths.");
    }

    @Test
    void aHugeIndexJsonIsCalledTooLarge() throws Exception {
        Path dir = temp.resolve("layout");
        TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(100)), List.of("linux/amd64"), "v1", dir);
        try (RandomAccessFile index = new RandomAccessFile(dir.resolve("index.json").toFile(), "rw")) {
            index.setLength(50L * 1024 * 1024);
        }
        assertThat(pushFailure(ImageSource.ociLayout(dir, Optional.empty()))).isInstanceOf(ImageSourceException.class)
                .hasMessage("The index.json of oci:" + dir + " is 52428800 bytes, more than the 16777216 Hoist reads"
                        + " of it.");
    }

    @Test
    void aNewlineInTheSourceIsEscapedNotPrinted() throws Exception {
        Path file = temp.resolve("a\nb.tar");
        Throwable missing = pushFailure(ImageSource.dockerArchive(file));
        assertThat(missing).isInstanceOf(ImageSourceException.class)
                .hasMessage("The archive " + temp + "/a\\nb.tar does not exist.");
        Path dir = temp.resolve("lay\nout");
        assertThat(pushFailure(ImageSource.ociLayout(dir, Optional.of("v1"))).getMessage()).doesNotContain("\n")
                .contains("lay\\nout");
        assertThatThrownBy(() -> ImageSource.parse("docker-archive:/tmp/a\nb:"))
                .hasMessage("The image source 'docker-archive:/tmp/a\\nb:' has an empty image name after its ':'; write"
                        + " docker-archive:PATH[:NAME] without the ':' to leave it out.");
        assertThatThrownBy(() -> ImageSource.parse("dock\ner:x")).hasMessageNotContaining("\n");
    }
}
