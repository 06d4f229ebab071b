package dev.hoist.push;

/** A push failure with no more specific type; the message carries the engine's own words. */
public class PushFailedException extends PushException {

    public PushFailedException(String image, String engineMessage, Throwable cause) {
        super("Pushing '" + image + "' failed: " + engineMessage, cause);
    }
}
