package dev.hoist.transport.copy;

import dev.hoist.distribution.RawManifest;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where a copy writes an image: a registry ({@code docker://REF}), an OCI layout ({@code oci:DIR[:REF]}), an OCI
 * archive ({@code oci-archive:PATH[:REF]}) or a docker archive ({@code docker-archive:PATH[:NAME]}).
 *
 * <p>The copy calls, in this order: {@link #currentDigest()}; {@link #putBlob} for every blob (in parallel, each
 * digest once); {@link #putManifest} for every child manifest of an index; {@link #commit} with the root, which
 * makes the image visible under the destination's name; or {@link #abort()} when anything failed, which leaves the
 * destination as it was (a registry keeps blobs already committed, which are harmless; no tag moves).
 */
public interface CopyDestination extends AutoCloseable {

    /** What a blob put did. */
    enum BlobResult {
        /** The bytes were sent. */
        COPIED("copied"),
        /** The destination had the blob already. */
        EXISTS("exists"),
        /** A registry mounted it from the source's repository. */
        MOUNTED("mounted");

        private final String json;

        BlobResult(String json) {
            this.json = json;
        }

        /** The push outcome it is: {@code copied} is {@code uploaded}. */
        public dev.hoist.push.PushResult.Outcome asPush() {
            return switch (this) {
                case COPIED -> dev.hoist.push.PushResult.Outcome.UPLOADED;
                case EXISTS -> dev.hoist.push.PushResult.Outcome.EXISTS;
                case MOUNTED -> dev.hoist.push.PushResult.Outcome.MOUNTED;
            };
        }

        /** {@code copied}, {@code exists} or {@code mounted}: the {@code hoist copy --json} value. */
        @Override
        public String toString() {
            return json;
        }
    }

    /** Opens a blob's bytes, again on every call (a failed upload is retried from the start). */
    @FunctionalInterface
    interface BlobOpener {
        InputStream open() throws IOException;
    }

    /** The destination as written, such as {@code oci-archive:/tmp/app.tar:1.0}. */
    String display();

    /**
     * The digest of what the destination holds under its name now, when it holds anything: a copy whose source has
     * this digest does nothing ("already there").
     */
    Optional<String> currentDigest();

    /**
     * Whether the destination can hold an index (several platforms). A {@code docker-archive:} holds one image.
     */
    default boolean holdsIndexes() {
        return true;
    }

    /**
     * Puts one blob unless the destination has it. {@code opener} gives streams that check themselves against
     * {@code descriptor} ({@link dev.hoist.distribution.VerifyingInputStream}: more bytes, or at their end fewer or
     * another digest, throw), so nothing of a blob whose bytes are not it stays; a destination need not hash them
     * again, but must read each stream to its end.
     *
     * @param from the source's registry and repository, when it is a registry: a destination on the same registry
     *        mounts the blob from there instead of reading it
     * @return what happened
     * @throws dev.hoist.push.PushException typed
     */
    BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener);

    /**
     * Puts a manifest that an index names, by its digest, after every blob it names.
     *
     * @throws dev.hoist.push.PushException typed
     */
    void putManifest(RawManifest manifest);

    /**
     * Puts the root manifest or index under the destination's name, after everything it names, and finishes the
     * destination (an archive is written out, a layout's {@code index.json} updated).
     *
     * @throws dev.hoist.push.PushException typed
     */
    void commit(RawManifest root);

    /**
     * Cuts what is in flight (a registry's requests, a file being written), from another thread, when the copy
     * failed or was cancelled: the {@link #putBlob} calls running then end soon with an error. {@link #abort()}
     * follows once they ended. Nothing by default.
     */
    default void cancel() {
    }

    /** Drops what a failed copy staged, after every {@link #putBlob} returned; best effort, never throws. */
    void abort();

    /** Releases what the destination holds. */
    @Override
    void close();
}
