package dev.hoist.transport.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.testing.InMemoryRegistry;
import dev.hoist.testing.TestArchives;
import dev.hoist.transport.source.ImageSourceOpener;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry-API transport against {@link InMemoryRegistry}, a registry in this JVM: the three source formats, the
 * exact manifest bytes, the skip, mount and second-pass paths and the progress events, without test services.
 */
class RegistryApiTransportOfflineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST = """
            {
              "schemaVersion" : 2,
              "mediaType" : "application/vnd.docker.distribution.manifest.v2+json",
              "config" : {
                "mediaType" : "application/vnd.docker.container.image.v1+json",
                "size" : %d,
                "digest" : "%s"
              },
              "layers" : [ {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : %d,
                "digest" : "%s"
              }, {
                "mediaType" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                "size" : %d,
                "digest" : "%s"
              } ]
            }""";

    @TempDir
    Path temp;

    /** Layer 1 plain (compressed on the way), layer 2 already gzip (sent as it is); both over the 1 MiB kept in memory. */
    private record Image(byte[] config, List<byte[]> layers, List<String> diffIds) {
    }

    private static Image image(boolean gzipSecond) throws Exception {
        TestArchives.Image random = TestArchives.randomImage(1_500_000, 1_200_000);
        byte[] plain = random.layers().get(0);
        byte[] raw = random.layers().get(1);
        List<String> diffIds = List.of(TestArchives.sha256(plain), TestArchives.sha256(raw));
        return new Image(config(diffIds), List.of(plain, gzipSecond ? TestArchives.gzip(raw) : raw), diffIds);
    }

    private static byte[] config(List<String> diffIds) throws Exception {
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        ArrayNode ids = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        diffIds.forEach(ids::add);
        return JSON.writeValueAsBytes(config);
    }

    private static Map<String, byte[]> legacyEntries(Image image) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            entries.put("layer" + i + "/layer.tar", image.layers().get(i));
            paths.add("layer" + i + "/layer.tar");
        }
        String configName = TestArchives.sha256(image.config()).substring(7) + ".json";
        entries.put(configName, image.config());
        ArrayNode root = JSON.createArrayNode();
        ObjectNode entry = root.addObject().put("Config", configName);
        entry.putArray("RepoTags").add("app:1");
        ArrayNode layers = entry.putArray("Layers");
        paths.forEach(layers::add);
        entries.put("manifest.json", JSON.writeValueAsBytes(root));
        return entries;
    }

    private RegistryApiTransport transport(ImageSourceOpener opener) {
        RegistryApiSettings settings = new RegistryApiSettings(1, 1, Optional.of(temp.resolve("cache")), 1024 * 1024,
                Duration.ofMillis(300), Duration.ofSeconds(30), Optional.empty(), 2, Duration.ofMillis(10),
                Duration.ofMillis(50));
        return new RegistryApiTransport(settings, opener);
    }

    private static String expectedManifest(Image image, PushResult result) {
        List<PushResult.LayerResult> layers = result.layers();
        return MANIFEST.formatted(image.config().length, TestArchives.sha256(image.config()),
                layers.get(0).size(), layers.get(0).digest(), layers.get(1).size(), layers.get(1).digest())
                .replace("\n", System.lineSeparator());
    }

    private static List<String> kinds(List<PushEvent> events) {
        return events.stream().filter(e -> !(e instanceof PushEvent.LayerUploading))
                .map(e -> e.getClass().getSimpleName()).toList();
    }

    @Test
    void aDockerArchiveIsPushedUnderADockerManifestOfTheExactBytes() throws Exception {
        Image image = image(true);
        for (boolean gzip : List.of(false, true)) {
            Path file = TestArchives.archive(legacyEntries(image), temp.resolve("app" + gzip + ".tar"), gzip);
            ImageSource source = ImageSource.dockerArchive(file, Optional.empty());
            try (InMemoryRegistry registry = InMemoryRegistry.start();
                 RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
                List<PushEvent> events = new CopyOnWriteArrayList<>();
                PushResult first = transport.push(source, RegistryTarget.of(registry.host(), "team/app", "1"),
                        Optional.empty(), new PushProgress("app", events::add));

                InMemoryRegistry.Manifest manifest = registry.manifest("team/app", "1");
                assertThat(new String(manifest.bytes(), StandardCharsets.UTF_8)).isEqualTo(expectedManifest(image, first));
                assertThat(manifest.mediaType()).isEqualTo(RegistryApiTransport.DOCKER_MANIFEST);
                assertThat(first.digest()).isEqualTo(TestArchives.sha256(manifest.bytes()));
                assertThat(first.size()).isEqualTo(manifest.bytes().length);
                assertThat(first.layers()).extracting(PushResult.LayerResult::result)
                        .containsExactly(Outcome.UPLOADED, Outcome.UPLOADED);
                // The gzip layer went as it is.
                assertThat(first.layers().get(1).digest()).isEqualTo(TestArchives.sha256(image.layers().get(1)));
                assertThat(first.bytesUploaded()).isEqualTo(first.layers().get(0).size()
                        + first.layers().get(1).size() + image.config().length);
                // A plain file is read by random access, layer by layer; a gzip one as a stream, checked first.
                assertThat(kinds(events)).containsExactly(gzip
                        ? new String[] {"PushStarted", "LayerChecking", "LayerChecking", "LayerDone", "LayerDone",
                            "ManifestPushed"}
                        : new String[] {"PushStarted", "LayerChecking", "LayerDone", "LayerChecking", "LayerDone",
                            "ManifestPushed"});
                assertThat(((PushEvent.PushStarted) events.get(0)).layers()).extracting(PushEvent.Layer::id)
                        .containsExactlyElementsOf(image.diffIds());

                PushResult again = transport.push(source, RegistryTarget.of(registry.host(), "team/app", "2"),
                        Optional.empty());
                assertThat(again.digest()).isEqualTo(first.digest());
                assertThat(again.layers()).extracting(PushResult.LayerResult::result)
                        .containsExactly(Outcome.EXISTS, Outcome.EXISTS);
                assertThat(again.bytesUploaded()).isZero();

                PushResult mounted = transport.push(source, RegistryTarget.of(registry.host(), "team/other", "1"),
                        Optional.empty());
                assertThat(mounted.digest()).isEqualTo(first.digest());
                assertThat(mounted.layers()).extracting(PushResult.LayerResult::result)
                        .containsExactly(Outcome.MOUNTED, Outcome.MOUNTED);
            }
        }
    }

    @Test
    void theResultListsEveryLayerOfTheManifestInOrderRepeatsIncluded() throws Exception {
        TestArchives.Image base = TestArchives.randomImage(2_000, 3_000);
        TestArchives.Image image = TestArchives.withLayers(List.of(base.layers().get(0), base.layers().get(1),
                base.layers().get(0)));
        for (boolean gzip : List.of(false, true)) {
            Path file = TestArchives.legacyArchive(image, "app:1", temp.resolve("repeat" + gzip + ".tar"), gzip);
            try (InMemoryRegistry registry = InMemoryRegistry.start();
                 RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
                PushResult result = transport.push(ImageSource.dockerArchive(file),
                        RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty());

                List<String> manifestLayers = new ArrayList<>();
                JSON.readTree(registry.manifest("team/app", "1").bytes()).path("layers")
                        .forEach(layer -> manifestLayers.add(layer.path("digest").asText()));
                assertThat(manifestLayers).hasSize(3);
                assertThat(result.layers()).extracting(PushResult.LayerResult::digest)
                        .containsExactlyElementsOf(manifestLayers);
                assertThat(result.layers().get(0)).isEqualTo(result.layers().get(2));
            }
        }
    }

    @Test
    void theEnginesStreamIsReadTwiceWhenSomeLayersAreThereAlready() throws Exception {
        Image image = image(false);
        Image base = new Image(config(List.of(image.diffIds().get(0))), List.of(image.layers().get(0)),
                List.of(image.diffIds().get(0)));
        Path full = TestArchives.archive(legacyEntries(image), temp.resolve("full.tar"), false);
        Path partial = TestArchives.archive(legacyEntries(base), temp.resolve("base.tar"), false);
        DockerEngine engine = mock(DockerEngine.class);
        List<String> saves = new CopyOnWriteArrayList<>();
        when(engine.saveImage("app:1")).thenAnswer(i -> {
            saves.add("app:1");
            return new DockerEngine.SavedImage(TestArchives.sha256(image.config()), image.diffIds(),
                    new ByteArrayInputStream(Files.readAllBytes(full)));
        });
        when(engine.saveImage("base:1")).thenAnswer(i -> new DockerEngine.SavedImage(
                TestArchives.sha256(base.config()), base.diffIds(), new ByteArrayInputStream(Files.readAllBytes(partial))));
        try (InMemoryRegistry registry = InMemoryRegistry.start();
             RegistryApiTransport transport = transport(new ImageSourceOpener(() -> engine))) {
            transport.push(ImageSource.dockerDaemon("base:1"), RegistryTarget.of(registry.host(), "team/app", "base"),
                    Optional.empty());
            List<PushEvent> events = new CopyOnWriteArrayList<>();
            PushResult result = transport.push(ImageSource.dockerDaemon("app:1"),
                    RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty(),
                    new PushProgress("app", events::add));

            assertThat(saves).hasSize(2);
            assertThat(result.layers()).extracting(PushResult.LayerResult::result)
                    .containsExactly(Outcome.EXISTS, Outcome.UPLOADED);
            InMemoryRegistry.Manifest manifest = registry.manifest("team/app", "1");
            assertThat(new String(manifest.bytes(), StandardCharsets.UTF_8)).isEqualTo(expectedManifest(image, result));
            assertThat(kinds(events)).containsExactly("PushStarted", "LayerChecking", "LayerExists", "LayerChecking",
                    "LayerDone", "ManifestPushed");
        }
    }

    @Test
    void anOciLayoutIsPushedByteForByte() throws Exception {
        Path dir = temp.resolve("layout");
        String index = TestArchives.multiPlatformLayout(List.of(TestArchives.randomImage(2_000_000, 300),
                TestArchives.randomImage(500)), List.of("linux/amd64", "linux/arm64"), "v1", dir);
        try (InMemoryRegistry registry = InMemoryRegistry.start();
             RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
            List<PushEvent> events = new CopyOnWriteArrayList<>();
            PushResult result = transport.push(ImageSource.ociLayout(dir, Optional.of("v1")),
                    RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty(),
                    new PushProgress("app", events::add));

            assertThat(result.digest()).isEqualTo(index);
            assertThat(registry.manifest("team/app", "1").bytes()).isEqualTo(Files.readAllBytes(
                    dir.resolve("blobs/sha256/" + index.substring(7))));
            assertThat(result.layers()).hasSize(3).allMatch(layer -> layer.result() == Outcome.UPLOADED
                    && registry.hasBlob("team/app", layer.digest()));
            assertThat(kinds(events)).containsExactly("PushStarted", "LayerChecking", "LayerDone", "LayerChecking",
                    "LayerDone", "LayerChecking", "LayerDone", "ManifestPushed");
        }
    }

    @Test
    void aDamagedLayerFailsTheArchivePushWithItsDigests() throws Exception {
        Image image = image(true);
        Map<String, byte[]> entries = legacyEntries(image);
        entries.put("layer0/layer.tar", TestArchives.tar(Map.of("other", new byte[1_200_000])));
        Path file = TestArchives.archive(entries, temp.resolve("damaged.tar"), false);
        try (InMemoryRegistry registry = InMemoryRegistry.start();
             RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
            assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(file, Optional.empty()),
                    RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                    .isInstanceOf(ImageSourceException.class)
                    .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.DIGEST_MISMATCH))
                    .hasMessageContaining("layer 1 (layer0/layer.tar)")
                    .hasMessageContaining(image.diffIds().get(0));
            assertThat(registry.manifest("team/app", "1")).isNull();
        }
    }

    @Test
    void aManifestTheRegistryAcceptsButDoesNotStoreIsATypedError() throws Exception {
        Image image = image(true);
        Path file = TestArchives.archive(legacyEntries(image), temp.resolve("dropped.tar"), false);
        try (InMemoryRegistry registry = InMemoryRegistry.start();
             RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
            registry.dropManifests();
            assertThatThrownBy(() -> transport.push(ImageSource.dockerArchive(file, Optional.empty()),
                    RegistryTarget.of(registry.host(), "team/app", "1"), Optional.empty()))
                    .isInstanceOf(dev.hoist.push.RegistryException.class)
                    .satisfies(kindAndReason(ErrorKind.REGISTRY, dev.hoist.push.RegistryException.Reason.MANIFEST_NOT_STORED))
                    .hasMessageContaining("'" + registry.host() + "/team/app:1'")
                    .hasMessageContaining("holds no manifest under its tag (HEAD: HTTP 404)");
            assertThat(registry.requests()).last().asString().startsWith("HEAD /v2/team/app/manifests/1");
        }
    }

    @Test
    void aCacheEntryMappingALayerToAnotherBlobIsStaleAndTheLayerIsSent() throws Exception {
        TestArchives.Image a = TestArchives.randomImage(300_000);
        TestArchives.Image b = TestArchives.randomImage(200_000);
        Path fileA = TestArchives.legacyArchive(a, "a:1", temp.resolve("a.tar"), false);
        Path fileB = TestArchives.legacyArchive(b, "b:1", temp.resolve("b.tar"), false);
        try (InMemoryRegistry registry = InMemoryRegistry.start()) {
            PushResult first;
            PushResult other;
            try (RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
                first = transport.push(ImageSource.dockerArchive(fileA, Optional.empty()),
                        RegistryTarget.of(registry.host(), "team/a", "1"), Optional.empty());
                other = transport.push(ImageSource.dockerArchive(fileB, Optional.empty()),
                        RegistryTarget.of(registry.host(), "team/a", "b"), Optional.empty());
            }
            // Poison the cache: A's diffID now maps to B's blob, which the registry holds (a HEAD finds it).
            Path cacheFile = temp.resolve("cache/blob-info/" + registry.host().replace(':', '_') + ".json");
            ObjectNode root = (ObjectNode) JSON.readTree(cacheFile.toFile());
            ObjectNode layers = (ObjectNode) root.get("layers");
            layers.set(a.diffIds().get(0), layers.get(b.diffIds().get(0)).deepCopy());
            JSON.writeValue(cacheFile.toFile(), root);

            PushResult again;
            try (RegistryApiTransport transport = transport(ImageSourceOpener.withoutEngine())) {
                again = transport.push(ImageSource.dockerArchive(fileA, Optional.empty()),
                        RegistryTarget.of(registry.host(), "team/a", "2"), Optional.empty());
            }
            assertThat(again.layers().get(0).digest()).isEqualTo(first.layers().get(0).digest())
                    .isNotEqualTo(other.layers().get(0).digest());
            assertThat(again.digest()).isEqualTo(first.digest());
        }
    }
}
