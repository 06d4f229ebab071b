package dev.hoist.push;

/** The Docker engine could not reach the registry. */
public class RegistryUnreachableException extends PushException {

    public RegistryUnreachableException(String image, String engineMessage) {
        super("The Docker engine could not reach the registry of '" + image + "': " + engineMessage
                + ". Check that the registry is running and that its host and port are right.", null);
    }
}
