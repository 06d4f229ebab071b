package dev.hoist.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code hoist inspect} prints of an image: its manifest or index, the platforms of an index, the layers and
 * config of an image manifest.
 *
 * @param reference the reference as it was asked for
 * @param digest the manifest's or index's digest, {@code sha256:<hex>}
 * @param mediaType its media type
 * @param size its size in bytes
 * @param platforms an index's entries, in its order; empty for an image manifest
 * @param layers an image manifest's layers, base first; empty for an index
 * @param config an image manifest's config digest; empty for an index
 */
public record ImageDescription(String reference, String digest, String mediaType, long size,
                               List<PlatformManifest> platforms, List<Layer> layers, Optional<String> config) {

    /** Checks that no part is {@code null}; copies the lists. */
    public ImageDescription {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        platforms = List.copyOf(platforms);
        layers = List.copyOf(layers);
        Objects.requireNonNull(config, "config");
    }

    /**
     * An entry of an index.
     *
     * @param os its platform's OS; {@code ""} when the entry names no platform
     * @param architecture its architecture; {@code ""} when none
     * @param variant its variant, when named
     * @param digest the child manifest's digest
     */
    public record PlatformManifest(String os, String architecture, Optional<String> variant, String digest) {
    }

    /**
     * A layer.
     *
     * @param digest its blob's digest
     * @param size its size in bytes, compressed as stored
     * @param mediaType its media type
     */
    public record Layer(String digest, long size, String mediaType) {
    }
}
