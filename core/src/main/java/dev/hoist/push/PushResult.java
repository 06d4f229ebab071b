package dev.hoist.push;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a push left in the registry.
 *
 * @param image the pushed reference, {@code host[:port]/repository:tag}
 * @param digest the manifest (or index) digest the registry confirmed, {@code sha256:<64 hex>}
 * @param mediaType the media type of that manifest or index
 * @param size the manifest's size in bytes
 * @param transport {@code "registry-api"} or {@code "engine"}, a {@link TransportName#configName()}
 * @param layers one entry per layer the manifest names, in its order, a layer named twice listed twice (for an
 *        index, each platform's manifest's layers in turn); empty with the engine transport
 * @param bytesUploaded the blob bytes this push sent to the registry (compressed size; manifests excluded); 0 with
 *        the engine transport, which does not report them
 * @param durationMs the wall time of the push, in milliseconds
 */
public record PushResult(String image, String digest, String mediaType, long size, String transport,
                         List<LayerResult> layers, long bytesUploaded, long durationMs) {

    /**
     * The transport name of Hoist's own registry HTTP API client.
     *
     * @deprecated use {@link TransportName#REGISTRY_API}{@code .configName()}
     */
    @Deprecated
    public static final String REGISTRY_API = TransportName.REGISTRY_API.configName();
    /**
     * The transport name of {@code docker push} through the engine.
     *
     * @deprecated use {@link TransportName#ENGINE}{@code .configName()}
     */
    @Deprecated
    public static final String ENGINE = TransportName.ENGINE.configName();

    public PushResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(transport, "transport");
        layers = List.copyOf(layers);
    }

    /**
     * What happened to one layer blob.
     *
     * @param digest the blob digest in the registry (compressed), {@code sha256:<64 hex>}
     * @param size the blob size in bytes
     * @param result what the push did with it
     */
    public record LayerResult(String digest, long size, Outcome result) {
        public LayerResult {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(result, "result");
        }
    }

    /** What the push did with a blob; {@link #toString()} is the JSON form. */
    public enum Outcome {
        /** The blob's bytes were sent. */
        UPLOADED,
        /** The registry already had the blob in this repository ({@code HEAD} answered 200). */
        EXISTS,
        /** The registry linked the blob from another repository of the same registry (cross-repository mount). */
        MOUNTED,
        /**
         * A non-distributable ("foreign") layer, left out of the push as docker and skopeo leave it: the manifest
         * names it with the {@code urls} it is fetched from (see {@code hoist.registry-api.push-nondistributable-layers}).
         */
        SKIPPED;

        /** {@code uploaded}, {@code exists}, {@code mounted} or {@code skipped}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
