package dev.hoist.push;

/**
 * The registry refused the manifest's media type (for example an OCI manifest on a registry that only knows
 * Docker's schema 2, or the reverse). Every blob is in the registry, but the tag was not written.
 */
public class ManifestRejectedException extends RegistryApiException {

    /**
     * @param registry the registry host
     * @param mediaType the manifest media type that was refused
     * @param registryMessage the registry's status and error text
     */
    public ManifestRejectedException(String registry, String mediaType, String registryMessage) {
        super("The registry " + registry + " refused a manifest of media type " + mediaType + " (" + registryMessage
                + "). The engine transport (hoist.registry-api is then not used), or an image in another format"
                + " (Docker schema 2 instead of OCI, or the reverse), may work there.", null);
    }
}
