package dev.hoist.push;

/** An image name that cannot be pushed as written. */
public class InvalidImageNameException extends PushException {

    public InvalidImageNameException(String image, String reason) {
        super("Image name '" + image + "' is invalid: " + reason, null);
    }
}
