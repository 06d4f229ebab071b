package dev.hoist.distribution;

/**
 * A manifest as the registry describes it in the headers of its answer.
 *
 * @param digest {@code sha256:<hex>}, from {@code Docker-Content-Digest}; empty when the registry sent none
 * @param mediaType from {@code Content-Type}; empty when none
 * @param size bytes, from {@code Content-Length}; -1 when not given
 */
public record ManifestInfo(String digest, String mediaType, long size) {
}
