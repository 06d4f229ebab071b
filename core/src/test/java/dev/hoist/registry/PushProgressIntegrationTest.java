package dev.hoist.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageSourceException;
import dev.hoist.push.TransportName;
import dev.hoist.docker.DockerEngine;
import dev.hoist.push.ImageSource;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushException;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import dev.hoist.push.RecordingListener;
import dev.hoist.testing.LocalAndApiRegistries;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress events of real pushes, through {@link ContainerRegistry#push(ImageSource, String,
 * dev.hoist.push.PushListener)}, for both transports, read against what the registry holds afterwards.
 */
class PushProgressIntegrationTest {

    @TempDir
    Path dir;

    private LocalAndApiRegistries registries;

    @BeforeEach
    void start() {
        registries = new LocalAndApiRegistries(dir.resolve("cache"));
    }

    @AfterEach
    void stop() {
        if (registries != null) {
            registries.close();
        }
    }

    private ContainerRegistry registry(String name) {
        return registries.registry(name);
    }

    @Test
    void theRegistryApiTransportReportsEveryLayerInOrderAndThenTheManifest() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(70_000, 3_000_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        String tag = TestImages.uniqueTag();
        String target = TestServices.registry() + "/hoist-api/progress:" + tag;
        RecordingListener seen = new RecordingListener();

        PushResult result = registry("api").push(ImageSource.dockerArchive(archive), target, seen);

        assertThat(seen.threads).allSatisfy(thread -> assertThat(thread).startsWith("hoist-progress-"));
        PushEvent.PushStarted started = (PushEvent.PushStarted) seen.events.get(0);
        assertThat(started.image()).isEqualTo(target);
        assertThat(started.transport()).isEqualTo(TransportName.REGISTRY_API.configName());
        assertThat(started.layers()).containsExactly(
                new PushEvent.Layer(image.diffIds().get(0), image.layers().get(0).length),
                new PushEvent.Layer(image.diffIds().get(1), image.layers().get(1).length));
        for (int i = 0; i < 2; i++) {
            String diffId = image.diffIds().get(i);
            long size = image.layers().get(i).length;
            assertThat(seen.states(diffId)).containsExactly("LayerChecking", "LayerUploading", "LayerDone");
            List<Long> done = seen.of(diffId).stream().filter(PushEvent.LayerUploading.class::isInstance)
                    .map(e -> ((PushEvent.LayerUploading) e).bytesDone()).toList();
            assertThat(done).isSorted();
            assertThat(done.get(done.size() - 1)).isEqualTo(size);
            assertThat(seen.of(diffId)).filteredOn(PushEvent.LayerUploading.class::isInstance)
                    .allSatisfy(e -> assertThat(((PushEvent.LayerUploading) e).bytesTotal()).isEqualTo(size));
            PushEvent.LayerDone layerDone = (PushEvent.LayerDone) seen.of(diffId).get(seen.of(diffId).size() - 1);
            assertThat(layerDone.digest()).contains(result.layers().get(i).digest());
            assertThat(layerDone.size()).isEqualTo(result.layers().get(i).size());
        }
        String held = RegistryHttp.manifestDigest(TestServices.registry(), "hoist-api/progress", tag);
        assertThat(seen.all(PushEvent.ManifestPushed.class)).singleElement()
                .satisfies(m -> assertThat(m.digest()).isEqualTo(held).isEqualTo(result.digest()));
        int manifestAt = seen.events.indexOf(seen.all(PushEvent.ManifestPushed.class).get(0));
        assertThat(seen.events.subList(0, manifestAt)).filteredOn(e -> e instanceof PushEvent.LayerDone).hasSize(2);
        assertThat(seen.events.get(seen.events.size() - 1)).isEqualTo(new PushEvent.PushDone(target, result));

        // Again under another tag: the registry has both layers now.
        RecordingListener again = new RecordingListener();
        registry("api").push(ImageSource.dockerArchive(archive), target + "b", again);
        for (String diffId : image.diffIds()) {
            assertThat(again.states(diffId)).containsExactly("LayerChecking", "LayerExists");
        }
    }

    @Test
    void aLayerThatFailsIsReportedAndThePushEndsFailed() throws Exception {
        TestArchives.Image real = TestArchives.randomImage(70_000, 2_000_000);
        // The config claims other diffIDs than the layers' bytes have.
        TestArchives.Image decoy = TestArchives.randomImage(10, 10);
        TestArchives.Image liar = new TestArchives.Image(decoy.config(), real.layers());
        Path archive = TestArchives.legacyArchive(liar, "app:1", dir.resolve("liar.tar"), false);
        String tag = TestImages.uniqueTag();
        String target = TestServices.registry() + "/hoist-api/progress-fail:" + tag;
        RecordingListener seen = new RecordingListener();

        Throwable thrown = catchThrowable(() -> registry("api").push(ImageSource.dockerArchive(archive), target, seen));

        assertThat(thrown).isInstanceOf(ImageSourceException.class)
                .satisfies(kindAndReason(ErrorKind.SOURCE, ImageSourceException.Reason.DIGEST_MISMATCH));
        List<PushEvent.LayerFailed> failed = seen.all(PushEvent.LayerFailed.class);
        assertThat(failed).isNotEmpty().allSatisfy(f -> {
            assertThat(decoy.diffIds()).as("the diffIDs the config claims").contains(f.id());
            assertThat(f.reason()).contains("damaged").doesNotContain("\n");
            assertThat(seen.states(f.id())).endsWith("LayerFailed");
        });
        assertThat(seen.all(PushEvent.LayerDone.class)).isEmpty();
        assertThat(seen.all(PushEvent.ManifestPushed.class)).isEmpty();
        assertThat(seen.events.get(seen.events.size() - 1)).isEqualTo(new PushEvent.PushFailed(target,
                (RuntimeException) thrown));
        assertThat(catchThrowable(() -> RegistryHttp.manifestDigest(TestServices.registry(), "hoist-api/progress-fail",
                tag))).as("no tag written").isNotNull();
    }

    @Test
    void aRegistryApiPushFromTheEngineReportsTheBytesOfANewLayerAsTheyGo() throws Exception {
        // The engine's save stream (legacy format on Docker 20.10) names layers by v1 ids: which layer an entry is
        // shows only once hashed. One new layer is still reported as it uploads, with its size.
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-api/progress-save", tag, 2 * 1024 * 1024);
        try {
            RecordingListener seen = new RecordingListener();
            PushResult result = registry("api").push(ImageSource.dockerDaemon(image), image, seen);
            assertThat(result.transport()).isEqualTo(TransportName.REGISTRY_API.configName());
            assertThat(result.layers()).singleElement().satisfies(layer ->
                    assertThat(layer.result()).isEqualTo(PushResult.Outcome.UPLOADED));
            assertThat(seen.all(PushEvent.LayerUploading.class)).isNotEmpty()
                    .allSatisfy(up -> assertThat(up.bytesTotal()).isGreaterThan(2 * 1024 * 1024));
            String layer = seen.all(PushEvent.LayerUploading.class).get(0).id();
            assertThat(seen.states(layer)).containsExactly("LayerChecking", "LayerUploading", "LayerDone");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void theEngineTransportMapsTheEnginesProgressStream() throws Exception {
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-it/progress-engine", tag, 512 * 1024);
        try {
            RecordingListener seen = new RecordingListener();
            PushResult result = registry("local").push(ImageSource.dockerDaemon(image), image, seen);

            assertThat(result.transport()).isEqualTo(TransportName.ENGINE.configName());
            assertThat(seen.events.get(0)).isEqualTo(new PushEvent.PushStarted(image, TransportName.ENGINE.configName(), List.of()));
            List<String> layers = seen.events.stream().flatMap(e -> e.layer().stream()).distinct().toList();
            assertThat(layers).isNotEmpty();
            for (String layer : layers) {
                List<String> states = seen.states(layer);
                assertThat(states.get(0)).isEqualTo("LayerChecking");
                assertThat(states.get(states.size() - 1)).isIn("LayerDone", "LayerExists", "LayerMounted");
            }
            // A fresh random layer is sent: its bytes are reported.
            assertThat(seen.all(PushEvent.LayerDone.class)).isNotEmpty();
            assertThat(seen.all(PushEvent.LayerUploading.class)).isNotEmpty()
                    .allSatisfy(u -> assertThat(u.bytesDone()).isNotNegative());
            String held = RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/progress-engine", tag);
            assertThat(seen.all(PushEvent.ManifestPushed.class)).singleElement()
                    .satisfies(m -> assertThat(m.digest()).isEqualTo(held).isEqualTo(result.digest()));
            assertThat(seen.events.get(seen.events.size() - 1)).isEqualTo(new PushEvent.PushDone(image, result));
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void theEngineTransportReportsTheLayersItWasWorkingOnAsFailed() throws Exception {
        TestServices.requireAuthRegistries();
        DockerEngine engine = registries.engine();
        String tag = TestImages.uniqueTag();
        // The htpasswd registry, and no credentials: the engine prepares the layer, then fails.
        String image = TestImages.load(engine, TestServices.authRegistry() + "/hoist-it/progress-denied", tag, 4096);
        try {
            RecordingListener seen = new RecordingListener();
            String repository = image.substring(0, image.lastIndexOf(':'));
            try (dev.hoist.push.ProgressDispatcher dispatcher = new dev.hoist.push.ProgressDispatcher(seen)) {
                Throwable thrown = catchThrowable(() -> engine.push(repository, tag, Optional.empty(),
                        new PushProgress(image, dispatcher)));
                assertThat(thrown).isInstanceOf(PushException.class);
            }
            List<PushEvent.LayerFailed> failed = seen.all(PushEvent.LayerFailed.class);
            assertThat(failed).isNotEmpty().allSatisfy(f -> assertThat(f.reason()).isNotBlank());
            assertThat(seen.all(PushEvent.LayerDone.class)).isEmpty();
            assertThat(seen.all(PushEvent.ManifestPushed.class)).isEmpty();
        } finally {
            engine.removeImage(image);
        }
    }
}
