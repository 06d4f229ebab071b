package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.hoist.push.ImageSource;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.PushResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.testing.InMemoryRegistry;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.source.ImageSourceOpener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources never lead Hoist out of themselves: no file outside an OCI layout, no entry outside an archive is read;
 * a FIFO is never opened; non-distributable layers are left out (and need not be there).
 */
class SourceBoundariesTest {

    /** The settings of core's reference.conf. */
    static final RegistryApiSettings DEFAULTS = RegistryApiSettings.from(ConfigFactory.defaultReference()
            .resolve().getConfig("hoist.registry-api"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINKS_OUT = "hoist.registry-api.allow-links-out-of-layout";
    private static final String GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final Path PASSWD = Path.of("/etc/passwd");

    @TempDir
    Path temp;

    /** A layer of a layout: its media type and bytes, whether the layout holds its blob, and its urls. */
    private record Layer(String mediaType, byte[] bytes, boolean present, List<String> urls) {
        static Layer of(byte[] bytes) {
            return new Layer(GZIP_LAYER, bytes, true, List.of());
        }
    }

    /** Writes a layout of one image, tagged {@code v1}, whose layers are {@code layers}; returns the manifest. */
    private static byte[] layout(Path dir, List<Layer> layers) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        byte[] config = TestArchives.randomImage(10).config();
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", blob(dir, config)).put("size", config.length);
        ArrayNode array = manifest.putArray("layers");
        for (Layer layer : layers) {
            ObjectNode node = array.addObject().put("mediaType", layer.mediaType())
                    .put("digest", layer.present() ? blob(dir, layer.bytes()) : TestArchives.sha256(layer.bytes()))
                    .put("size", layer.bytes().length);
            if (!layer.urls().isEmpty()) {
                layer.urls().forEach(node.putArray("urls")::add);
            }
        }
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", blob(dir, manifestBytes)).put("size", manifestBytes.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", "v1");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return manifestBytes;
    }

    private static String blob(Path dir, byte[] bytes) throws IOException {
        String digest = TestArchives.sha256(bytes);
        Files.write(dir.resolve("blobs/sha256/" + digest.substring(7)), bytes);
        return digest;
    }

    private static Path blobFile(Path dir, String digest) {
        return dir.resolve("blobs/sha256/" + digest.substring(7));
    }

    /** A layout whose one layer blob is a symbolic link to {@code target}, named by {@code digest}, {@code size}. */
    private Path layoutLinkingTo(Path target, String digest, long size) throws IOException {
        Path dir = temp.resolve("layout");
        Path stand = temp.resolve("stand-in");
        byte[] filler = new byte[(int) size];
        layout(dir, List.of(Layer.of(filler)));
        // Rename the stand-in layer's digest in the manifest to the one given, then link its blob to the target.
        String old = TestArchives.sha256(filler);
        Files.delete(blobFile(dir, old));
        rewriteManifest(dir, old, digest);
        Files.createSymbolicLink(blobFile(dir, digest), target);
        Files.deleteIfExists(stand);
        return dir;
    }

    private static void rewriteManifest(Path dir, String from, String to) throws IOException {
        ObjectNode index = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
        ObjectNode entry = (ObjectNode) index.get("manifests").get(0);
        Path manifestFile = blobFile(dir, entry.get("digest").asText());
        String manifest = Files.readString(manifestFile).replace(from, to);
        Files.delete(manifestFile);
        String digest = blob(dir, manifest.getBytes());
        entry.put("digest", digest).put("size", manifest.getBytes().length);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    private static PushPlan.Oci read(Path dir, RegistryApiSettings settings) {
        return OciLayoutReader.read(dir, Optional.empty(), "oci:" + dir, settings);
    }

    private RegistryApiTransport transport(RegistryApiSettings settings) {
        RegistryApiSettings offline = new RegistryApiSettings(1, 1, Optional.of(temp.resolve("cache")), 1024 * 1024,
                Duration.ofMillis(300), Duration.ofSeconds(30), Optional.empty(), 2, Duration.ofMillis(10),
                Duration.ofMillis(50)).withSourceRules(settings.allowLinksOutOfLayout(),
                settings.pushNondistributableLayers());
        return new RegistryApiTransport(offline, ImageSourceOpener.withoutEngine());
    }

    // Item 1: links out of a layout.

    @Test
    void aBlobLinkedToAFileOutsideTheLayoutIsNeitherReadNorDescribed() throws Exception {
        byte[] passwd = Files.readAllBytes(PASSWD);
        String digest = TestArchives.sha256(passwd);
        for (boolean matching : List.of(true, false)) {
            Path dir = layoutLinkingTo(PASSWD, matching ? digest : TestArchives.sha256(new byte[] {1}),
                    matching ? passwd.length : passwd.length + 7);
            String source = "oci:" + dir;
            String entry = "blobs/sha256/" + (matching ? digest : TestArchives.sha256(new byte[] {1})).substring(7);

            assertThatThrownBy(() -> read(dir, DEFAULTS)).isInstanceOf(ImageSourceException.class)
                    .hasMessage("The entry " + entry + " of the OCI layout " + source + " links outside the layout;"
                            + " Hoist reads nothing outside a layout unless " + LINKS_OUT + " = true.")
                    .hasMessageNotContaining("bytes").hasMessageNotContaining(PASSWD.toString());
            if (!matching) {
                assertThatThrownBy(() -> read(dir, DEFAULTS)).hasMessageNotContaining(digest);
            }
            try (InMemoryRegistry registry = InMemoryRegistry.start();
                 RegistryApiTransport transport = transport(DEFAULTS)) {
                assertThatThrownBy(() -> transport.push(ImageSource.ociLayout(dir, Optional.empty()),
                        RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                        .isInstanceOf(ImageSourceException.class).hasMessageContaining("links outside the layout");
                assertThat(registry.hasBlob("team/app", digest)).isFalse();
            }
            deleteTree(dir);
        }
    }

    @Test
    void aBlobThatIsAHardLinkIsNotReadUnlessLinksOutAreAllowed() throws Exception {
        // A hard link has no target to check: its other name may be any file outside the layout.
        byte[] secret = "a file outside the layout\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path outside = Files.write(temp.resolve("outside-secret"), secret);
        String digest = TestArchives.sha256(secret);
        Path dir = layoutLinkingTo(outside, digest, secret.length);
        Files.delete(blobFile(dir, digest));
        Files.createLink(blobFile(dir, digest), outside);
        String entry = "blobs/sha256/" + digest.substring(7);
        assertThatThrownBy(() -> read(dir, DEFAULTS)).isInstanceOf(ImageSourceException.class)
                .hasMessage("The entry " + entry + " of the OCI layout oci:" + dir + " is a hard link (the file has 2"
                        + " names), which may be a file outside the layout; Hoist reads such a file only with "
                        + LINKS_OUT + " = true.")
                .hasMessageNotContaining(outside.toString());
        assertThat(read(dir, DEFAULTS.withSourceRules(true, false)).blobs()).hasSize(2);
    }

    @Test
    void everyFileOfALayoutIsKeptInsideItButTheLayoutItselfMayBeALink() throws Exception {
        Path dir = temp.resolve("real");
        byte[] layer = TestArchives.gzip(new byte[100]);
        layout(dir, List.of(Layer.of(layer)));
        Path link = Files.createSymbolicLink(temp.resolve("linked"), dir);
        assertThat(read(link, DEFAULTS).blobs()).hasSize(2);

        // index.json out of the layout
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.move(dir.resolve("index.json"), outside.resolve("index.json"));
        Files.createSymbolicLink(dir.resolve("index.json"), outside.resolve("index.json"));
        assertThatThrownBy(() -> read(dir, DEFAULTS)).isInstanceOf(ImageSourceException.class)
                .hasMessage("The entry index.json of the OCI layout oci:" + dir + " links outside the layout; Hoist"
                        + " reads nothing outside a layout unless " + LINKS_OUT + " = true.");
        Files.delete(dir.resolve("index.json"));
        Files.move(outside.resolve("index.json"), dir.resolve("index.json"));

        // oci-layout, never read, is checked all the same
        Files.move(dir.resolve("oci-layout"), outside.resolve("oci-layout"));
        Files.createSymbolicLink(dir.resolve("oci-layout"), outside.resolve("oci-layout"));
        assertThatThrownBy(() -> read(dir, DEFAULTS)).hasMessageStartingWith("The entry oci-layout of the OCI layout");
        Files.delete(dir.resolve("oci-layout"));

        // the blobs directory out of the layout, reached through a link to a directory
        Files.move(dir.resolve("blobs"), outside.resolve("blobs"));
        Files.createSymbolicLink(dir.resolve("blobs"), outside.resolve("blobs"));
        assertThatThrownBy(() -> read(dir, DEFAULTS)).hasMessageStartingWith("The entry blobs/sha256/")
                .hasMessageContaining("links outside the layout");
        // ... which the setting allows
        assertThat(read(dir, DEFAULTS.withSourceRules(true, false)).blobs()).hasSize(2);
    }

    @Test
    void linksInsideTheLayoutAreFollowedAndTheSettingAllowsLinksOut() throws Exception {
        Path dir = temp.resolve("layout");
        byte[] layer = TestArchives.gzip(new byte[300]);
        layout(dir, List.of(Layer.of(layer)));
        // As debuerreotype writes them: blobs/sha256/<hex> -> ../rootfs.tar.gz
        Path blob = blobFile(dir, TestArchives.sha256(layer));
        Files.move(blob, dir.resolve("blobs/rootfs.tar.gz"));
        Files.createSymbolicLink(blob, Path.of("../rootfs.tar.gz"));
        assertThat(read(dir, DEFAULTS).blobs()).hasSize(2);

        // As Bazel's rules_oci keeps blobs of a base image: links into its own output tree
        Path elsewhere = Files.write(temp.resolve("bazel-out-layer"), layer);
        Files.delete(blob);
        Files.createSymbolicLink(blob, elsewhere);
        assertThatThrownBy(() -> read(dir, DEFAULTS)).hasMessageContaining("links outside the layout");
        PushPlan.Oci plan = read(dir, DEFAULTS.withSourceRules(true, false));
        try (var in = plan.blobs().get(1).opener().open()) {
            assertThat(in.readAllBytes()).isEqualTo(layer);
        }
    }

    // Item 1: entries out of an archive.

    @Test
    void anArchiveEntryThatLinksOrClimbsOutOfTheArchiveIsRefused() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(200);
        byte[] config = image.config();
        String configName = image.id().substring(7) + ".json";
        for (boolean gzip : List.of(false, true)) {
            for (String target : List.of("/etc/passwd", "../../etc/passwd", "hard:../etc/passwd", "hard:/etc/passwd")) {
                Map<String, byte[]> entries = new LinkedHashMap<>();
                entries.put(configName, config);
                entries.put("manifest.json", manifestJson(configName, "layer/layer.tar"));
                Path file = TestArchives.archive(entries, Map.of("layer/layer.tar", target),
                        temp.resolve("links" + gzip + ".tar"), gzip);
                String source = "docker-archive:" + file;
                try (InMemoryRegistry registry = InMemoryRegistry.start();
                     RegistryApiTransport transport = transport(DEFAULTS)) {
                    assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(file),
                            RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                            .as(target + (gzip ? " gzip" : ""))
                            .isInstanceOf(ImageSourceException.class)
                            .hasMessage("The entry layer/layer.tar of the archive " + source + " links outside the"
                                    + " archive; Hoist reads nothing outside an archive.");
                }
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("../outside.json", config);
            entries.put("manifest.json", manifestJson("../outside.json", "layer/layer.tar"));
            entries.put("layer/layer.tar", image.layers().get(0));
            Path file = TestArchives.archive(entries, temp.resolve("climb" + gzip + ".tar"), gzip);
            try (InMemoryRegistry registry = InMemoryRegistry.start();
                 RegistryApiTransport transport = transport(DEFAULTS)) {
                assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(file),
                        RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                        .isInstanceOf(ImageSourceException.class)
                        .hasMessage("The entry ../outside.json of the archive docker-archive:" + file + " lies outside"
                                + " the archive (its name climbs out with ..); Hoist reads nothing outside an archive.");
            }
        }
    }

    private static byte[] manifestJson(String config, String layer) throws IOException {
        ArrayNode root = JSON.createArrayNode();
        ObjectNode image = root.addObject().put("Config", config);
        image.putArray("RepoTags").add("app:1");
        image.putArray("Layers").add(layer);
        return JSON.writeValueAsBytes(root);
    }

    // Items 2 and 3: non-distributable layers.

    @Test
    void nonDistributableLayersAreLeftOutAndNeedNotBeThere() throws Exception {
        byte[] base = TestArchives.gzip(new byte[500]);
        byte[] mine = TestArchives.gzip(new byte[700]);
        List<String> types = List.of("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                "application/vnd.oci.image.layer.nondistributable.v1.tar",
                "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
        for (String type : types) {
            for (boolean present : List.of(true, false)) {
                for (boolean push : List.of(false, true)) {
                    Path dir = temp.resolve("foreign");
                    byte[] manifest = layout(dir, List.of(new Layer(type, base, present,
                            List.of("https://mcr.microsoft.com/v2/windows/blobs/" + TestArchives.sha256(base))),
                            Layer.of(mine)));
                    String what = type + (present ? " present" : " absent") + (push ? " pushed" : "");
                    try (InMemoryRegistry registry = InMemoryRegistry.start();
                         RegistryApiTransport transport = transport(DEFAULTS.withSourceRules(false, push))) {
                        PushResult result = transport.push(ImageSource.ociLayout(dir, Optional.empty()),
                                RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty());

                        boolean sent = present && push;
                        assertThat(registry.hasBlob("team/app", TestArchives.sha256(base))).as(what).isEqualTo(sent);
                        assertThat(registry.manifest("team/app", "1").bytes()).as(what).isEqualTo(manifest);
                        assertThat(result.layers()).as(what).extracting(PushResult.LayerResult::result)
                                .containsExactly(sent ? Outcome.UPLOADED : Outcome.SKIPPED, Outcome.UPLOADED);
                        assertThat(result.layers().get(0).digest()).isEqualTo(TestArchives.sha256(base));
                    }
                    deleteTree(dir);
                }
            }
        }
    }

    @Test
    void aForeignLayerOfADockerArchiveIsLeftOutAndNamedWithItsUrls() throws Exception {
        // docker save writes LayerSources for a non-distributable layer: its compressed descriptor and urls.
        TestArchives.Image image = TestArchives.randomImage(600, 800);
        byte[] foreignGzip = TestArchives.gzip(image.layers().get(0));
        String foreignDigest = TestArchives.sha256(foreignGzip);
        String url = "https://mcr.microsoft.com/v2/windows/servercore/blobs/" + foreignDigest;
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("base/layer.tar", image.layers().get(0));
        entries.put("mine/layer.tar", image.layers().get(1));
        entries.put("config.json", image.config());
        ObjectNode source = JSON.createObjectNode().put("mediaType", FOREIGN).put("size", foreignGzip.length)
                .put("digest", foreignDigest);
        source.putArray("urls").add(url);
        com.fasterxml.jackson.databind.node.ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject().put("Config", "config.json");
        entry.putArray("RepoTags").add("win/app:1");
        entry.putArray("Layers").add("base/layer.tar").add("mine/layer.tar");
        entry.putObject("LayerSources").set(image.diffIds().get(0), source);
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
        Path archive = TestArchives.archive(entries, temp.resolve("foreign.tar"), false);
        for (boolean push : List.of(false, true)) {
            try (InMemoryRegistry registry = InMemoryRegistry.start();
                 RegistryApiTransport transport = transport(DEFAULTS.withSourceRules(false, push))) {
                PushResult result = transport.push(ImageSource.dockerArchive(archive),
                        RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty());
                JsonNode pushed = JSON.readTree(registry.manifest("team/app", "1").bytes());
                if (push) {
                    assertThat(result.layers().get(0).result()).isEqualTo(Outcome.UPLOADED);
                    assertThat(pushed.at("/layers/0/mediaType").asText()).isEqualTo(GZIP_LAYER_DOCKER);
                    assertThat(registry.hasBlob("team/app", result.layers().get(0).digest())).isTrue();
                } else {
                    assertThat(result.layers()).extracting(PushResult.LayerResult::result)
                            .containsExactly(Outcome.SKIPPED, Outcome.UPLOADED);
                    assertThat(result.layers().get(0).digest()).isEqualTo(foreignDigest);
                    assertThat(registry.hasBlob("team/app", foreignDigest)).isFalse();
                    assertThat(pushed.at("/layers/0/mediaType").asText()).isEqualTo(FOREIGN);
                    assertThat(pushed.at("/layers/0/digest").asText()).isEqualTo(foreignDigest);
                    assertThat(pushed.at("/layers/0/size").asLong()).isEqualTo(foreignGzip.length);
                    assertThat(pushed.at("/layers/0/urls/0").asText()).isEqualTo(url);
                    assertThat(pushed.at("/layers/1").has("urls")).as("no urls on a distributable layer").isFalse();
                }
            }
        }
    }

    private static final String FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    private static final String GZIP_LAYER_DOCKER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    @Test
    void aMissingDistributableLayerIsStillRefusedAndTheHintFitsTheLayout() throws Exception {
        Path dir = temp.resolve("layout");
        byte[] layer = TestArchives.gzip(new byte[10]);
        byte[] manifest = layout(dir, List.of(new Layer(GZIP_LAYER, layer, false, List.of())));
        assertThatThrownBy(() -> read(dir, DEFAULTS)).isInstanceOf(ImageSourceException.class)
                .hasMessage("The OCI layout oci:" + dir + " is missing blob " + TestArchives.sha256(layer)
                        + ", which manifest " + TestArchives.sha256(manifest) + " names.");
    }

    // Item 6: a FIFO, a device or a directory is refused at once.

    @Test
    void aFifoADeviceOrADirectoryIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = temp.resolve("pipe.tar");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Map<Path, String> kinds = Map.of(fifo, "a FIFO (named pipe)", Path.of("/dev/null"), "a character device",
                temp, "a directory");
        try (RegistryApiTransport transport = transport(DEFAULTS); InMemoryRegistry registry = InMemoryRegistry.start()) {
            kinds.forEach((file, kind) -> assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(file),
                            RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                            .isInstanceOf(ImageSourceException.class)
                            .hasMessage("The archive docker-archive:" + file + " is " + kind + ", not a file; give a"
                                    + " file written by docker save, plain or gzip-compressed.")));

            // A layout's files too: index.json, a blob.
            Path dir = temp.resolve("layout");
            byte[] layer = TestArchives.gzip(new byte[10]);
            layout(dir, List.of(Layer.of(layer)));
            Files.delete(blobFile(dir, TestArchives.sha256(layer)));
            assertThat(new ProcessBuilder("mkfifo", blobFile(dir, TestArchives.sha256(layer)).toString()).start()
                    .waitFor()).isZero();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> read(dir, DEFAULTS))
                    .hasMessage("The entry blobs/sha256/" + TestArchives.sha256(layer).substring(7) + " of the OCI"
                            + " layout oci:" + dir + " is a FIFO (named pipe), not a regular file."));
            Files.delete(dir.resolve("index.json"));
            Files.createDirectory(dir.resolve("index.json"));
            assertThatThrownBy(() -> read(dir, DEFAULTS))
                    .hasMessage("The entry index.json of the OCI layout oci:" + dir + " is a directory, not a regular file.");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
