package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where a copy reads an image: a registry ({@code docker://REF}), an OCI layout ({@code oci:DIR[:REF]}) or an OCI
 * archive ({@code oci-archive:PATH[:REF]}). Manifests come as their exact bytes; blobs as streams that the copy
 * verifies against their descriptors while it reads them.
 *
 * <p>Implementations must be safe to call from several threads at once for {@link #openBlob} (blobs are copied in
 * parallel).
 */
public interface CopySource extends AutoCloseable {

    /** The source as written, such as {@code oci:/tmp/layout:1.0} or {@code docker://localhost:5000/app:1}. */
    String display();

    /**
     * The manifest or index the source names (by its tag, digest or {@code ref.name}).
     *
     * @throws dev.hoist.push.PushException typed: {@code ImageSourceException} when a local source has no such
     *         image or cannot be read, {@code RegistryException} when a registry has none
     */
    RawManifest root();

    /**
     * A manifest that an index names, by its descriptor; its bytes are checked against the descriptor's digest.
     *
     * @throws dev.hoist.push.PushException typed, as {@link #root()}
     */
    RawManifest manifest(Descriptor descriptor);

    /**
     * The bytes of a blob (a config or a layer), from the start. The caller checks the digest and size while it
     * reads; the stream need not.
     *
     * @throws IOException when the bytes cannot be read
     * @throws dev.hoist.push.PushException typed, when the source has no such blob
     */
    InputStream openBlob(Descriptor descriptor) throws IOException;

    /**
     * Whether the source has the blob's bytes. A local layout may lack a non-distributable layer, which the copy
     * then leaves out (its descriptor's {@code urls} serve it).
     */
    default boolean hasBlob(Descriptor descriptor) {
        return true;
    }

    /** The registry and repository when the source is a registry: a copy within one registry mounts from it. */
    default Optional<RegistryLocation> registry() {
        return Optional.empty();
    }

    /**
     * What the source's root is, cheaply: a registry answers a {@code HEAD} (which Docker Hub does not count
     * against its pull limit), so a copy whose destination holds the digest already reads nothing more.
     *
     * @return the root's digest, media type and size
     * @throws dev.hoist.push.PushException typed, as {@link #root()}
     */
    default dev.hoist.distribution.ManifestInfo describe() {
        RawManifest root = root();
        return new dev.hoist.distribution.ManifestInfo(root.digest(), root.mediaType(), root.size());
    }

    /**
     * Cuts what is in flight (a registry's requests), from another thread, when the copy failed or was cancelled:
     * the calls running then end soon with an error. Nothing by default.
     */
    default void cancel() {
    }

    /** Releases what the source holds (open files, connections). */
    @Override
    void close();
}
