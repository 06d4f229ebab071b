package dev.hoist.transport.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A content descriptor: what a manifest says of a blob or of another manifest. Serialized as Docker writes it in a
 * schema 2 manifest: {@code {"mediaType":…,"size":…,"digest":…}}, with {@code "urls":[…]} after them for a
 * non-distributable ("foreign") layer only.
 *
 * @param mediaType its media type; empty when the descriptor read gave none
 * @param digest {@code sha256:<hex>}
 * @param size its size in bytes
 * @param urls where a non-distributable layer is fetched from; empty for every other blob (and then not written)
 */
@JsonPropertyOrder({"mediaType", "size", "digest", "urls"})
public record Descriptor(String mediaType, String digest, long size,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> urls) {

    /** Copies {@code urls}; {@code null} is none. */
    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    /** A descriptor without {@code urls}. */
    public Descriptor(String mediaType, String digest, long size) {
        this(mediaType, digest, size, List.of());
    }

    /** Whether {@code digest} is {@code sha256:} and 64 lower-case hex digits. */
    public static boolean isSha256(String digest) {
        return dev.hoist.distribution.Digests.isSha256(digest);
    }

    /** This descriptor with another media type. */
    public Descriptor withMediaType(String type) {
        return new Descriptor(type, digest, size, urls);
    }
}
