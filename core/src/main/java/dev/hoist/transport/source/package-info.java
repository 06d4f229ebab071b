/**
 * Image readers for the registry-API transport: {@code docker save} archives (the legacy
 * {@code manifest.json} + {@code <id>.json} + {@code <layer>/layer.tar} format and the OCI layout Docker 25+
 * writes inside its archives, plain or gzip-compressed), the engine's save stream, and OCI image layouts
 * (https://github.com/opencontainers/image-spec/blob/main/image-layout.md), in a directory or in a tar (an
 * {@code oci-archive:}): {@link dev.hoist.transport.source.OciLayout} reads a layout whole for a push, or one file
 * at a time as an {@link dev.hoist.transport.source.OciStore} for a copy, as
 * {@link dev.hoist.transport.source.OciArchive} reads a tar of one.
 *
 * <p>Tar is read with Apache Commons Compress: a plain tar file by random access (each layer is a byte range of
 * the file, so layers can be read in parallel); a gzip file or the engine's stream sequentially.
 * Every reader reports bad input as a typed {@link dev.hoist.push.ImageSourceException} naming the source.
 *
 * <p>No reader leaves its source: a layout's files are resolved through their links and refused when they lead out
 * of it ({@link dev.hoist.transport.source.OciLayout}, unless {@code allow-links-out-of-layout}); an archive's
 * names and links are followed only to its own entries ({@link dev.hoist.transport.source.TarPaths}); a file that
 * is not a regular one (a FIFO above all) is refused before it is opened.
 */
package dev.hoist.transport.source;
