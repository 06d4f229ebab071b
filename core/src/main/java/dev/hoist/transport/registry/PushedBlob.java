package dev.hoist.transport.registry;

import dev.hoist.push.PushResult.LayerResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.util.List;

/**
 * A blob that is in the registry now: what it is, and how it got there.
 *
 * @param digest {@code sha256:<hex>} of the blob as stored
 * @param size its size in bytes
 * @param outcome whether it was there, mounted or uploaded, or left out ({@code SKIPPED})
 * @param foreign for a non-distributable layer left out, its descriptor with its {@code urls}; else {@code null}
 */
record PushedBlob(String digest, long size, Outcome outcome, Descriptor foreign) {

    PushedBlob(String digest, long size, Outcome outcome) {
        this(digest, size, outcome, null);
    }

    /** A non-distributable layer left out of the push: the manifest names it by {@code descriptor}. */
    static PushedBlob leftOut(Descriptor descriptor) {
        return new PushedBlob(descriptor.digest(), descriptor.size(), Outcome.SKIPPED, descriptor);
    }

    /** This blob as a layer of a docker manifest: a gzip layer, or the left-out layer's own descriptor. */
    Descriptor gzipLayer() {
        return foreign != null ? foreign : new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, digest, size);
    }

    /**
     * One result per layer of the manifest, in its order: a layer the manifest names twice is listed twice (it was
     * sent once).
     */
    static List<LayerResult> results(List<PushedBlob> blobs) {
        return blobs.stream().map(blob -> new LayerResult(blob.digest, blob.size, blob.outcome)).toList();
    }
}
