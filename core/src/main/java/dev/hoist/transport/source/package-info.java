/**
 * Image readers for the registry-API transport: {@code docker save} archives (the legacy
 * {@code manifest.json} + {@code <id>.json} + {@code <layer>/layer.tar} format and the OCI layout Docker 25+
 * writes inside its archives, plain or gzip-compressed), the engine's save stream, and OCI image layouts
 * (https://github.com/opencontainers/image-spec/blob/main/image-layout.md).
 *
 * <p>Tar is read with Apache Commons Compress: a plain tar file by random access (each layer is a byte range of
 * the file, so layers can be read in parallel); a gzip file or the engine's stream sequentially.
 * Every reader reports bad input as a typed {@link dev.hoist.push.ImageSourceException} naming the source.
 */
package dev.hoist.transport.source;
