package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.source.OciArchive;
import dev.hoist.transport.source.OciLayout;
import dev.hoist.transport.source.OciStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an image from an OCI image layout, {@code oci:DIR[:REF]}, or a tar of one, {@code oci-archive:PATH[:REF]},
 * one file at a time as the copy asks for it: {@link #root()} reads {@code index.json} and the one manifest or index
 * its entry names; children and blobs are read only when asked for.
 *
 * <p>{@code REF} picks the {@code index.json} entry by its {@code org.opencontainers.image.ref.name} annotation (the
 * first that has it, as skopeo does); without {@code REF} the index must have exactly one entry. Every manifest's
 * bytes are checked against the digest and size of the descriptor naming it. A layout's files are kept inside it
 * (a link out is refused unless {@link OciLayout.Links#allowed()}); an archive's entries are kept inside it always
 * (see {@link OciArchive}). A blob the layout lacks (a non-distributable layer may be left out) is reported by
 * {@link #hasBlob} as missing.
 *
 * <p>Safe for several threads: {@link #openBlob} opens a new channel for every blob.
 */
public final class LayoutCopySource implements CopySource {

    private final OciStore store;
    private final Optional<String> reference;
    private final String display;
    private volatile RawManifest root;

    private LayoutCopySource(OciStore store, Optional<String> reference, String display) {
        this.store = store;
        this.reference = reference;
        this.display = display;
    }

    /**
     * An {@code oci:} source. The directory and its {@code index.json} are checked now; nothing else is read.
     *
     * @param directory the layout's directory (it may itself be a link)
     * @param reference its {@code ref.name}; empty when {@code index.json} has exactly one entry
     * @param display the source as written, for messages, such as {@code oci:/tmp/layout:1.0}
     * @param links whether the layout's files may lead out of it, and the setting that allows it
     * @throws dev.hoist.push.ImageSourceException when the directory or its {@code index.json} is missing, or a
     *         file is refused
     */
    public static LayoutCopySource layout(Path directory, Optional<String> reference, String display,
                                          OciLayout.Links links) {
        return new LayoutCopySource(OciLayout.open(directory, display, links), reference, display);
    }

    /**
     * An {@code oci-archive:} source. The archive's headers are listed now, and it must hold {@code oci-layout}
     * and {@code index.json}.
     *
     * @param file a plain (not compressed) tar of an OCI layout
     * @param reference its {@code ref.name}; empty when {@code index.json} has exactly one entry
     * @param display the source as written, for messages, such as {@code oci-archive:/tmp/app.tar:1.0}
     * @throws dev.hoist.push.ImageSourceException when the file is missing, not a tar of an OCI layout, or an
     *         entry's name climbs out of it
     */
    public static LayoutCopySource archive(Path file, Optional<String> reference, String display) {
        return new LayoutCopySource(OciArchive.open(file, display), reference, display);
    }

    @Override
    public String display() {
        return display;
    }

    /**
     * The manifest or index the {@code index.json} entry names, its bytes exactly as stored; its media type the
     * entry's (else the one its JSON gives). Read once, then kept.
     *
     * @throws dev.hoist.push.ImageSourceException when the entry is missing or ambiguous (listing the references
     *         there are), or the bytes are missing or do not match the entry's digest and size
     */
    @Override
    public RawManifest root() {
        RawManifest read = root;
        if (read == null) {
            read = manifest(store.select(reference));
            root = read;
        }
        return read;
    }

    /**
     * A manifest an index names, by digest, checked against the descriptor's digest and size.
     *
     * @throws dev.hoist.push.ImageSourceException when it is missing; with reason {@code DIGEST_MISMATCH} when its
     *         bytes do not match
     */
    @Override
    public RawManifest manifest(Descriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        byte[] bytes = store.manifest(descriptor);
        return new RawManifest(descriptor.digest(), OciLayout.mediaTypeOf(descriptor, bytes, display), bytes);
    }

    /**
     * @throws dev.hoist.push.ImageSourceException when the blob's file or entry leads out of the layout
     */
    @Override
    public boolean hasBlob(Descriptor descriptor) {
        return store.hasBlob(descriptor.digest());
    }

    /**
     * @throws dev.hoist.push.ImageSourceException when the layout has no such blob, or it leads out of the layout
     */
    @Override
    public InputStream openBlob(Descriptor descriptor) throws IOException {
        return store.openBlob(descriptor.digest());
    }

    /** Nothing to release: every stream is closed by its reader. */
    @Override
    public void close() {
    }
}
