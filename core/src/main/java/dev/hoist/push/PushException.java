package dev.hoist.push;

import dev.hoist.spi.HoistException;

/**
 * A push that did not happen. The subclasses are the kinds of cause a caller handles differently, each with a
 * reason; this class itself is a failure with no more specific type ({@link ErrorKind#FAILED}), built by
 * {@link #failed}. Every message is one line for the user and never holds a secret.
 */
public class PushException extends HoistException implements Classified {

    /**
     * @param message one line: what failed and what to do
     * @param cause the underlying failure, or {@code null}
     */
    protected PushException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A push failure with no more specific type; the message carries the engine's (or the transport's) own words.
     *
     * @param image the image being pushed
     * @param engineMessage what went wrong, in the engine's words
     * @param cause the underlying failure, or {@code null}
     */
    public static PushException failed(String image, String engineMessage, Throwable cause) {
        return new PushException("Pushing '" + image + "' failed: " + engineMessage, cause);
    }

    /** {@link ErrorKind#FAILED}; each subclass says its own kind. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILED;
    }
}
