package dev.hoist.transport.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A content descriptor: what a manifest says of a blob or of another manifest. Serialized as Docker writes it in a
 * schema 2 manifest: {@code {"mediaType":…,"size":…,"digest":…}}.
 *
 * @param mediaType its media type; empty when the descriptor read gave none
 * @param digest {@code sha256:<hex>}
 * @param size its size in bytes
 */
@JsonPropertyOrder({"mediaType", "size", "digest"})
public record Descriptor(String mediaType, String digest, long size) {

    /** Whether {@code digest} is {@code sha256:} and 64 lower-case hex digits. */
    public static boolean isSha256(String digest) {
        return dev.hoist.distribution.Digests.isSha256(digest);
    }

    /** This descriptor with another media type. */
    public Descriptor withMediaType(String type) {
        return new Descriptor(type, digest, size);
    }
}
