package dev.hoist.push;

/**
 * The engine refused an image name that Hoist accepts, typically a registry given as an IPv6 literal such as
 * {@code [::1]:5000}, which Docker's reference grammar does not allow.
 */
public class EngineRefusedNameException extends PushException {

    /**
     * @param image the name the engine refused
     * @param engineMessage the engine's words, such as {@code invalid reference format}
     */
    public EngineRefusedNameException(String image, String engineMessage, Throwable cause) {
        super("The Docker engine refused the name '" + image + "' (" + engineMessage + "), although it is a valid"
                + " image reference." + (image.startsWith("[") ? " Docker engines do not accept a registry written"
                + " as an IPv6 address; give the registry a host name (for example in /etc/hosts) and tag the image"
                + " with it, or push with the registry-API transport, which accepts IPv6 addresses." : ""), cause);
    }
}
