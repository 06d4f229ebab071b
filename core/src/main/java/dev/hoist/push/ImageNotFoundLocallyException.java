package dev.hoist.push;

/** The Docker engine has no image under the name to push. */
public class ImageNotFoundLocallyException extends PushException {

    public ImageNotFoundLocallyException(String image, Throwable cause) {
        super("Image '" + image + "' does not exist in the local Docker engine. "
                + "Build or tag it first (docker tag SOURCE " + image + "), then push again.", cause);
    }
}
