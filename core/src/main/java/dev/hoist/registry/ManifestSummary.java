package dev.hoist.registry;

import java.util.Objects;

/**
 * A manifest a registry holds, as {@code hoist digest --json} prints it.
 *
 * @param reference the reference as it was asked for, such as {@code localhost:5000/app:1}
 * @param digest {@code sha256:<hex>}
 * @param mediaType its media type, such as {@code application/vnd.oci.image.index.v1+json}
 * @param size its size in bytes
 */
public record ManifestSummary(String reference, String digest, String mediaType, long size) {

    /** Checks that no part is {@code null}. */
    public ManifestSummary {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
    }
}
