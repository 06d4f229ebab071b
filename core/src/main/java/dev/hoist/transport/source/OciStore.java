package dev.hoist.transport.source;

import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An OCI image layout read one file at a time, where it lies: a directory ({@link OciLayout#open}) or a tar of
 * one ({@link OciArchive#open}). Nothing is read before it is asked for, and nothing outside the layout is read.
 * Every method may be called from several threads at once.
 */
public interface OciStore {

    /** The source as written, such as {@code oci:/tmp/layout:1.0}, for messages. */
    String source();

    /**
     * The {@code index.json} entry {@code reference} names: the first whose
     * {@code org.opencontainers.image.ref.name} annotation is {@code reference}; without one, the only entry.
     *
     * @throws dev.hoist.push.ImageSourceException when there is no such entry (listing the references there are),
     *         or several and no reference was given, or {@code index.json} is malformed
     */
    Descriptor select(Optional<String> reference);

    /**
     * The exact bytes of the manifest or index {@code descriptor} names, checked against its digest and size.
     *
     * @throws dev.hoist.push.ImageSourceException when it is missing or larger than 4 MiB; with reason
     *         {@code DIGEST_MISMATCH} when its bytes do not match the descriptor
     */
    byte[] manifest(Descriptor descriptor);

    /**
     * Whether the layout holds blob {@code digest} ({@code sha256:<hex>}).
     *
     * @throws dev.hoist.push.ImageSourceException when its file or entry is there but leads out of the layout
     */
    boolean hasBlob(String digest);

    /**
     * The bytes of blob {@code digest}, from the start; the caller closes the stream and checks the bytes.
     *
     * @throws IOException when they cannot be read
     * @throws dev.hoist.push.ImageSourceException when the layout has no such blob, or it leads out of the layout
     */
    InputStream openBlob(String digest) throws IOException;
}
