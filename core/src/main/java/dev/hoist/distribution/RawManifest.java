package dev.hoist.distribution;

import java.util.Objects;

/**
 * A manifest or index exactly as stored: its bytes are what is copied, so the digest stays.
 *
 * @param digest {@code sha256:<hex>} of {@code bytes}
 * @param mediaType its media type (the {@code Content-Type} a registry served, or the descriptor's)
 * @param bytes the exact bytes
 */
public record RawManifest(String digest, String mediaType, byte[] bytes) {

    /** Checks that no part is {@code null}. */
    public RawManifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A manifest whose digest is computed from its bytes. */
    public static RawManifest of(String mediaType, byte[] bytes) {
        return new RawManifest(Digests.sha256(bytes), mediaType, bytes);
    }

    /** Its size in bytes. */
    public long size() {
        return bytes.length;
    }
}
