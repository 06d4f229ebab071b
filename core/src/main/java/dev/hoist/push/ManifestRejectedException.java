package dev.hoist.push;

/**
 * The registry refused the manifest's media type (for example an OCI manifest on a registry that only knows
 * Docker's schema 2, or the reverse). Every blob is in the registry, but the tag was not written.
 */
public class ManifestRejectedException extends RegistryApiException {

    /** The registry-API transport's settings under the default root, which the message names unless told another. */
    private static final String REGISTRY_API_PATH = "hoist.registry-api";

    /**
     * @param registry the registry host
     * @param mediaType the manifest media type that was refused
     * @param registryMessage the registry's status and error text
     */
    public ManifestRejectedException(String registry, String mediaType, String registryMessage) {
        this(registry, mediaType, registryMessage, REGISTRY_API_PATH);
    }

    /**
     * As {@link #ManifestRejectedException(String, String, String)}, naming the registry-API settings where they are.
     *
     * @param registry the registry host
     * @param mediaType the manifest media type that was refused
     * @param registryMessage the registry's status and error text
     * @param registryApiPath the config path of the registry-API transport's settings, such as
     *        {@code hoist.registry-api} or {@code mystack.components.registry-api}
     */
    public ManifestRejectedException(String registry, String mediaType, String registryMessage, String registryApiPath) {
        super("The registry " + registry + " refused a manifest of media type " + mediaType + " (" + registryMessage
                + "). The engine transport (" + registryApiPath + " is then not used), or an image in another format"
                + " (Docker schema 2 instead of OCI, or the reverse), may work there.", null);
    }
}
