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
 * @param outcome whether it was there, mounted or uploaded
 */
record PushedBlob(String digest, long size, Outcome outcome) {

    /** This blob as a gzip layer of a docker manifest. */
    Descriptor gzipLayer() {
        return new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, digest, size);
    }

    /**
     * One result per layer of the manifest, in its order: a layer the manifest names twice is listed twice (it was
     * sent once).
     */
    static List<LayerResult> results(List<PushedBlob> blobs) {
        return blobs.stream().map(blob -> new LayerResult(blob.digest, blob.size, blob.outcome)).toList();
    }
}
