package dev.hoist.transport.registry;

import dev.hoist.push.PushResult.LayerResult;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.manifest.MediaTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** One result per digest, in the order of first appearance. */
    static List<LayerResult> distinct(List<PushedBlob> blobs) {
        Map<String, LayerResult> distinct = new LinkedHashMap<>();
        for (PushedBlob blob : blobs) {
            distinct.putIfAbsent(blob.digest, new LayerResult(blob.digest, blob.size, blob.outcome));
        }
        return List.copyOf(distinct.values());
    }
}
