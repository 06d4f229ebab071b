package dev.hoist.copy;

import java.util.List;
import java.util.Objects;

/**
 * What a copy did, as {@code hoist copy --json} prints it.
 *
 * @param source the source as written, such as {@code docker://localhost:5000/app:1}
 * @param destination the destination as written
 * @param digest the digest now under the destination's name: the source's, unless platforms were selected
 * @param mediaType its media type
 * @param size its size in bytes
 * @param blobs each blob once, in the order the manifests name them; empty when the destination had the image
 * @param bytesCopied the bytes of the blobs that were sent (0 when nothing was)
 * @param durationMs how long the copy took, in milliseconds
 * @param alreadyThere whether the destination held the digest already, so nothing was copied
 */
public record CopyResult(String source, String destination, String digest, String mediaType, long size,
                         List<Blob> blobs, long bytesCopied, long durationMs, boolean alreadyThere) {

    /** Checks that no part is {@code null}; copies the list. */
    public CopyResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        blobs = List.copyOf(blobs);
    }

    /**
     * A blob of the copy.
     *
     * @param digest its digest
     * @param size its size in bytes
     * @param result {@code copied} (its bytes were sent), {@code exists} (the destination had it) or
     *        {@code mounted} (a registry linked it from the source's repository)
     */
    public record Blob(String digest, long size, String result) {
    }
}
