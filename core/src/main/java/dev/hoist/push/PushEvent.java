package dev.hoist.push;

import dev.hoist.push.PushResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a push, in this order: {@link PushStarted}; per layer {@link LayerChecking}, then
 * {@link LayerExists}, {@link LayerMounted}, or {@link LayerUploading} updates followed by {@link LayerDone},
 * or {@link LayerFailed} at any point; then {@link ManifestPushed}; then {@link PushDone} or {@link PushFailed}.
 * Layers progress in parallel, so their events interleave.
 *
 * <p>A layer is named by its {@code id}, the digest known before the push: the blob digest for an OCI layout
 * ({@code sha256:<hex>}), the diffID (digest of the uncompressed tar) for a docker archive or the engine's
 * save stream, and the engine's short layer id for the engine transport. Sizes and byte counts are in the
 * unit the source gives: compressed bytes for an OCI layout, uncompressed bytes for a docker archive (Hoist
 * compresses while it uploads), and what the engine reports for the engine transport.
 */
public sealed interface PushEvent {

    /** The image being pushed, {@code host[:port]/repository:tag}. */
    String image();

    /** A layer event's layer id, empty for the other events. */
    default Optional<String> layer() {
        return Optional.empty();
    }

    /**
     * One layer of the image as the push sees it at start.
     *
     * @param id the layer's id (see {@link PushEvent})
     * @param size its size in bytes, -1 when not known before it is read
     */
    record Layer(String id, long size) {
        /** Checks that {@code id} is not {@code null}. */
        public Layer {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The push started.
     *
     * @param image the target reference
     * @param transport {@link PushResult#REGISTRY_API} or {@link PushResult#ENGINE}
     * @param layers the image's distinct layers in manifest order; empty for the engine transport, which names
     *        its layers only as it reaches them
     */
    record PushStarted(String image, String transport, List<Layer> layers) implements PushEvent {
        /** Copies {@code layers}. */
        public PushStarted {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(transport, "transport");
            layers = List.copyOf(layers);
        }
    }

    /**
     * The registry is asked whether it has the layer ({@code HEAD} of the blob, or the engine's "Preparing").
     *
     * @param image the target
     * @param id the layer
     */
    record LayerChecking(String image, String id) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * The registry already has the layer in this repository: nothing is sent.
     *
     * @param image the target
     * @param id the layer
     * @param digest the blob's digest in the registry, empty when the engine did not say
     * @param size the blob's size in bytes, -1 when not known
     */
    record LayerExists(String image, String id, Optional<String> digest, long size) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * The registry linked the layer from another repository (cross-repository mount): nothing is sent.
     *
     * @param image the target
     * @param id the layer
     * @param digest the blob's digest in the registry, empty when the engine did not say
     * @param from the repository it was mounted from, empty when the engine did not say
     */
    record LayerMounted(String image, String id, Optional<String> digest, Optional<String> from) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * Bytes of the layer are being sent; at most ten a second per layer.
     *
     * @param image the target
     * @param id the layer
     * @param bytesDone bytes of the layer read and sent so far
     * @param bytesTotal the layer's size in the same unit, -1 when not known
     */
    record LayerUploading(String image, String id, long bytesDone, long bytesTotal) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * The layer is in the registry: its upload was accepted.
     *
     * @param image the target
     * @param id the layer
     * @param digest the blob's digest in the registry (compressed), empty when the engine did not say
     * @param size the blob's size in bytes as sent, -1 when not known
     */
    record LayerDone(String image, String id, Optional<String> digest, long size) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * The layer could not be pushed; the push fails with it.
     *
     * @param image the target
     * @param id the layer
     * @param reason one line: why
     */
    record LayerFailed(String image, String id, String reason) implements PushEvent {
        @Override
        public Optional<String> layer() {
            return Optional.of(id);
        }
    }

    /**
     * The registry accepted the manifest (or index) under the tag.
     *
     * @param image the target
     * @param digest the manifest's digest, {@code sha256:<hex>}
     */
    record ManifestPushed(String image, String digest) implements PushEvent {
    }

    /**
     * The push is complete.
     *
     * @param image the target
     * @param result what the registry holds now
     */
    record PushDone(String image, PushResult result) implements PushEvent {
    }

    /**
     * The push failed; the push call throws {@code error}.
     *
     * @param image the target
     * @param error the typed exception the push throws
     */
    record PushFailed(String image, RuntimeException error) implements PushEvent {
    }
}
