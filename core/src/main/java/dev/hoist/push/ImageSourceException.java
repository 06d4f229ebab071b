package dev.hoist.push;

import java.util.Objects;

/**
 * The image source handed to a push cannot be read as an image ({@link ErrorKind#SOURCE}): an unknown
 * {@code --from} transport, a file that is not a tar, a truncated archive, an archive or OCI layout missing a blob
 * its manifest names, an OCI layout without {@code index.json} or without the reference asked for
 * ({@link Reason#INVALID}); an engine without the image ({@link Reason#NOT_FOUND}); a blob whose bytes do not hash
 * to its digest ({@link Reason#DIGEST_MISMATCH}). Nothing was pushed under the tag.
 */
public class ImageSourceException extends PushException {

    /** What is wrong with the source. */
    public enum Reason {
        /** It cannot be read as an image: unknown transport, not a tar, truncated, missing a part. */
        INVALID,
        /** The Docker engine has no image under the name to push. */
        NOT_FOUND,
        /**
         * A blob's bytes do not hash to the digest its manifest or image config gives it (for a docker image, the
         * layer's diffID), or are not the size its descriptor gives, so the source is damaged. The blob was not
         * committed and no manifest was pushed.
         */
        DIGEST_MISMATCH
    }

    private final Reason reason;

    ImageSourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A source that cannot be read as an image.
     *
     * @param message one line for the user: what is wrong, in which source, and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public static ImageSourceException invalid(String message, Throwable cause) {
        return new ImageSourceException(Reason.INVALID, message, cause);
    }

    /**
     * The Docker engine has no image under the name to push.
     *
     * @param image the name
     * @param cause the engine's answer, or {@code null}
     */
    public static ImageSourceException notFoundLocally(String image, Throwable cause) {
        return new ImageSourceException(Reason.NOT_FOUND, "Image '" + image + "' does not exist in the local Docker"
                + " engine. Build or tag it first (docker tag SOURCE " + image + "), then push again.", cause);
    }

    /**
     * A blob of the source is damaged.
     *
     * @param source the image source, as written ({@code docker-archive:/tmp/app.tar})
     * @param what which blob: {@code layer 2 (blobs/sha256/ab12…)}
     * @param expected the digest the source declares
     * @param actual the digest of the bytes read
     */
    public static ImageSourceException digestMismatch(String source, String what, String expected, String actual) {
        return new ImageSourceException(Reason.DIGEST_MISMATCH, "The " + what + " of " + source + " is damaged: its"
                + " bytes hash to " + actual + " but the image says " + expected + ". Re-create the archive or layout"
                + " and push again.", null);
    }

    /**
     * A manifest or blob of the source is not the size its descriptor gives it, so the source is damaged
     * ({@link Reason#DIGEST_MISMATCH}).
     *
     * @param source the image source, as written ({@code oci-archive:/tmp/app.tar})
     * @param what which file: {@code manifest sha256:ab12…}
     * @param expected the size in bytes the descriptor gives
     * @param actual the size in bytes found
     */
    public static ImageSourceException sizeMismatch(String source, String what, long expected, long actual) {
        return new ImageSourceException(Reason.DIGEST_MISMATCH, "The " + what + " of " + source + " is damaged: it"
                + " is " + actual + " bytes but the image says " + expected + ". Re-create the archive or layout and"
                + " copy again.", null);
    }

    /**
     * The bytes a copy read for a blob do not match the blob's descriptor ({@link Reason#DIGEST_MISMATCH}): the
     * source is damaged, or changed while it was read. Nothing of the blob was kept at the destination.
     *
     * @param destination the destination, as written ({@code oci:/tmp/layout:1})
     * @param digest the digest the descriptor gives
     * @param size the size in bytes the descriptor gives
     * @param actual what was read instead: {@code "1234 bytes hashing to sha256:…"} or {@code "more than 1000 bytes"}
     */
    public static ImageSourceException copiedBlobMismatch(String destination, String digest, long size,
                                                          String actual) {
        return new ImageSourceException(Reason.DIGEST_MISMATCH, "The blob " + digest + " (" + size + " bytes)"
                + " copied to " + destination + " is damaged: its source gave " + actual + "; nothing of it was"
                + " kept. Re-create the source and copy again.", null);
    }

    /**
     * A layer copied into a {@code docker-archive:} does not expand to the tar its image config names in
     * {@code rootfs.diff_ids} ({@link Reason#DIGEST_MISMATCH}): the source is damaged. The archive was not written.
     *
     * @param destination the destination, as written ({@code docker-archive:/tmp/app.tar})
     * @param layer which layer, from 1 (the base layer)
     * @param blob the layer blob's digest
     * @param diffId the diffID the config gives
     * @param actual the digest of the tar the blob expands to
     */
    public static ImageSourceException diffIdMismatch(String destination, int layer, String blob, String diffId,
                                                      String actual) {
        return new ImageSourceException(Reason.DIGEST_MISMATCH, "Layer " + layer + " (" + blob + ") copied to "
                + destination + " is damaged: it expands to a tar hashing to " + actual + " but the image config"
                + " says " + diffId + "; the archive was not written. Re-create the source and copy again.", null);
    }

    /** What is wrong with the source. */
    public Reason reason() {
        return reason;
    }

    /** {@link ErrorKind#SOURCE}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.SOURCE;
    }
}
