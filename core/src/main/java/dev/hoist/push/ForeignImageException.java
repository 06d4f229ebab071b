package dev.hoist.push;

/** The image's name does not place it in the registry it was handed to. */
public class ForeignImageException extends PushException {

    public ForeignImageException(String image, String registryName, String registryUri) {
        super("Image '" + image + "' does not belong to container registry '" + registryName
                + "' (" + registryUri + "). Tag it as '" + registryUri + "/<name>:<tag>' first, "
                + "or push it through the registry its name points at.", null);
    }
}
