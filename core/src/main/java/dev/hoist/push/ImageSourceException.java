package dev.hoist.push;

/**
 * The image source handed to a push cannot be read as an image: an unknown {@code --from} transport, a file
 * that is not a tar, a truncated archive, an archive or OCI layout missing a blob its manifest names, an OCI
 * layout without {@code index.json} or without the reference asked for. Nothing was pushed under the tag.
 */
public class ImageSourceException extends PushException {

    /**
     * @param message one line for the user: what is wrong, in which source, and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public ImageSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
