package dev.hoist.transport.registry;

import dev.hoist.push.PushEvent;
import dev.hoist.push.PushProgress;
import dev.hoist.push.PushResult;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The progress of one push, filtered: only the layers announced in {@link #started} are reported (the image
 * config blob is not).
 */
final class LayerProgress {

    private final PushProgress progress;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();

    LayerProgress(PushProgress progress) {
        this.progress = progress;
    }

    void started(List<PushEvent.Layer> layers) {
        layers.forEach(layer -> tracked.add(layer.id()));
        progress.started(PushResult.REGISTRY_API, layers);
    }

    void checking(String id) {
        if (tracked.contains(id)) {
            progress.checking(id);
        }
    }

    /** Reports how layer {@code id} got into the registry, and returns {@code blob}. */
    PushedBlob reported(String id, PushedBlob blob) {
        if (tracked.contains(id)) {
            switch (blob.outcome()) {
                case EXISTS -> progress.exists(id, blob.digest(), blob.size());
                case MOUNTED -> progress.mounted(id, blob.digest(), null);
                default -> progress.done(id, blob.digest(), blob.size());
            }
        }
        return blob;
    }

    /** Reports that layer {@code id} failed, and returns {@code failure} to throw. */
    RuntimeException failed(String id, RuntimeException failure) {
        if (tracked.contains(id)) {
            progress.failed(id, failure);
        }
        return failure;
    }

    /** Runs {@code step} for layer {@code id}: reports the blob it gives, or its failure, which it rethrows. */
    PushedBlob reporting(String id, Supplier<PushedBlob> step) {
        try {
            return reported(id, step.get());
        } catch (RuntimeException failure) {
            throw failed(id, failure);
        }
    }

    InputStream counting(String id, long size, InputStream in) {
        return tracked.contains(id) ? progress.counting(id, size, in) : in;
    }

    void manifest(String digest) {
        progress.manifest(digest);
    }
}
