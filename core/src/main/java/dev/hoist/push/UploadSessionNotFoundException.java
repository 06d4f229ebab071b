package dev.hoist.push;

/**
 * The registry answered 404 for a blob upload session it had opened: it expired, was cancelled, or the
 * registry restarted without shared upload state (several replicas behind a load balancer without sticky
 * sessions do this). The blob was not stored; pushing again starts a new session.
 */
public class UploadSessionNotFoundException extends RegistryApiException {

    /**
     * @param registry the registry host
     * @param digest the blob being uploaded, or {@code "(unknown yet)"}
     * @param registryMessage the registry's error text
     */
    public UploadSessionNotFoundException(String registry, String digest, String registryMessage) {
        super("The registry " + registry + " lost the upload session of blob " + digest + " (HTTP 404: "
                + registryMessage + "). Push again; if it keeps happening, the registry's replicas may not share"
                + " upload state.", null);
    }
}
