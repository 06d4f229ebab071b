package dev.hoist.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dispatcher between a push's threads and a listener: order, coalescing, never a stalled producer. */
class ProgressDispatcherTest {

    private static final String IMAGE = "localhost:5000/app:1";

    @Test
    void aBlockedListenerStallsNoProducerAndLosesNoStateChange() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener seen = new RecordingListener();
        ProgressDispatcher dispatcher = new ProgressDispatcher(event -> {
            if (event instanceof PushEvent.PushStarted) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.onEvent(event);
        });
        PushProgress progress = new PushProgress(IMAGE, dispatcher);
        progress.started(TransportName.REGISTRY_API.configName(), List.of(new PushEvent.Layer("a", 1000), new PushEvent.Layer("b", 10)));
        progress.checking("a");
        // The listener is still blocked in PushStarted: every call below returns anyway.
        for (int i = 0; i <= 1000; i++) {
            progress.emit(new PushEvent.LayerUploading(IMAGE, "a", i, 1000));
        }
        progress.done("a", "sha256:aa", 1000);
        progress.checking("b");
        progress.emit(new PushEvent.LayerUploading(IMAGE, "b", 5, 10));
        progress.failed("b", "the registry closed the connection");
        progress.manifest("sha256:mm");
        release.countDown();
        dispatcher.close();

        assertThat(seen.events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "PushStarted", "LayerChecking", "LayerDone", "LayerChecking", "LayerFailed", "ManifestPushed");
        assertThat(seen.threads).allSatisfy(thread -> assertThat(thread).startsWith("hoist-progress-"));
    }

    @Test
    void theNewestUploadingUpdateOfALayerIsDeliveredBeforeItsStateChanges() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener seen = new RecordingListener();
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(event -> {
            if (event instanceof PushEvent.LayerChecking) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.onEvent(event);
        })) {
            dispatcher.onEvent(new PushEvent.LayerChecking(IMAGE, "a"));
            for (int i = 1; i <= 500; i++) {
                dispatcher.onEvent(new PushEvent.LayerUploading(IMAGE, "a", i, 500));
            }
            release.countDown();
        }
        List<PushEvent.LayerUploading> uploading = seen.all(PushEvent.LayerUploading.class);
        assertThat(uploading).hasSize(1);
        assertThat(uploading.get(0).bytesDone()).isEqualTo(500);
    }

    @Test
    void aListenerThatThrowsKeepsGettingEvents() {
        RecordingListener seen = new RecordingListener();
        try (ProgressDispatcher dispatcher = new ProgressDispatcher(event -> {
            seen.onEvent(event);
            throw new IllegalStateException("listener bug");
        })) {
            dispatcher.onEvent(new PushEvent.LayerChecking(IMAGE, "a"));
            dispatcher.onEvent(new PushEvent.LayerDone(IMAGE, "a", java.util.Optional.empty(), -1));
        }
        assertThat(seen.events).hasSize(2);
    }

    @Test
    void uploadingUpdatesOfOneLayerAreKeptToTenASecondButTheFirstAndTheCompleteOneGo() {
        RecordingListener seen = new RecordingListener();
        long[] now = {0};
        PushProgress progress = new PushProgress(IMAGE, seen, () -> now[0]);
        // 1001 updates 10 ms apart: 10 s of upload.
        for (int i = 0; i <= 1000; i++) {
            now[0] = i * 10_000_000L;
            progress.uploading("a", i * 100L, 100_000);
        }
        List<PushEvent.LayerUploading> uploading = seen.all(PushEvent.LayerUploading.class);
        assertThat(uploading.get(0).bytesDone()).isZero();
        assertThat(uploading.get(uploading.size() - 1).bytesDone()).isEqualTo(100_000);
        assertThat(uploading).hasSize(101); // at 0, 100 ms, ..., 10 s
        // Another layer has its own budget.
        progress.uploading("b", 1, 10);
        assertThat(seen.all(PushEvent.LayerUploading.class)).hasSize(102);
    }
}
