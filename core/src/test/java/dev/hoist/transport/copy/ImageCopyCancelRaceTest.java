package dev.hoist.transport.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.distribution.RawManifest;
import dev.hoist.push.PushCancelledException;
import dev.hoist.push.PushProgress;
import dev.hoist.transport.manifest.Descriptor;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted {@link ImageCopy} cuts both ends and waits for its blob tasks to end before the destination's
 * {@code abort()} and {@code close()} run: no task is left on the shared upload pool, and nothing is written after
 * the clean-up (a review finding: it used to return at once).
 */
class ImageCopyCancelRaceTest {

    @TempDir
    Path tmp;

    @Test
    void anInterruptedCopyLeavesNoBlobTaskRunningAndNoHalfWrittenLayout() throws Exception {
        byte[] config = "{\"rootfs\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "a layer that reads slowly".getBytes(StandardCharsets.UTF_8);
        MemorySource memory = MemorySource.image(config, List.of(layer), "application/vnd.oci.image.layer.v1.tar");
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String layerDigest = dev.hoist.distribution.Digests.sha256(layer);
        CopySource slow = new CopySource() {
            @Override public String display() { return memory.display(); }
            @Override public RawManifest root() { return memory.root(); }
            @Override public RawManifest manifest(Descriptor d) { return memory.manifest(d); }
            @Override public void close() { }
            @Override public InputStream openBlob(Descriptor d) {
                InputStream in = memory.openBlob(d);
                if (!d.digest().equals(layerDigest)) {
                    return in;
                }
                return new FilterInputStream(in) {
                    @Override public int read(byte[] b, int off, int len) throws IOException {
                        reading.countDown();
                        boolean interrupted = false; // a big file or a slow socket: nothing interrupts the pool thread
                        while (true) {
                            try { release.await(); break; } catch (InterruptedException e) { interrupted = true; }
                        }
                        if (interrupted) { Thread.currentThread().interrupt(); }
                        return super.read(b, off, len);
                    }
                };
            }
        };
        Path out = tmp.resolve("layout"); // missing: the destination creates it, so abort must remove it
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        LayoutCopyDestination destination = LayoutCopyDestination.open(out, Optional.of("1"), "oci:" + out + ":1");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Integer> runningAtReturn = new AtomicReference<>();
        Thread copier = new Thread(() -> {
            try {
                new ImageCopy(pool, PushProgress.none()).copy(slow, destination, List.of());
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                runningAtReturn.set(pool.getActiveCount());
                destination.close(); // as ImageCopier's try-with-resources does
            }
        });
        copier.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        copier.interrupt();
        // The read ends a moment later, as a cut socket or a closed file ends it.
        Thread.sleep(300);
        release.countDown();
        copier.join(10_000);
        assertThat(thrown.get()).isInstanceOf(PushCancelledException.class);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // Fails: copy() returned (and abort()/close() ran) while the blob task was still reading and writing.
        // BlobTasks.drain() does this wait for a push; ImageCopy has no equivalent.
        assertThat(runningAtReturn.get()).as("blob tasks still running when copy() had returned").isZero();
    }
}
