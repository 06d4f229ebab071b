package dev.hoist.transport.registry;

/**
 * The registry's manifest endpoints for one repository: {@code PUT} of a manifest's exact bytes (the registry's
 * {@code Docker-Content-Digest} checked against them) and {@code HEAD} of a tag. The only user of them.
 */
final class ManifestPublisher {

    private final RegistryClient client;
    private final String repository;

    ManifestPublisher(RegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
    }

    /**
     * Puts {@code bytes} under {@code reference} (a tag or a digest) with media type {@code mediaType}.
     *
     * @return the digest of {@code bytes}, which the registry confirmed (or did not contradict)
     */
    String put(String reference, String mediaType, byte[] bytes) {
        return client.putManifest(repository, reference, mediaType, bytes);
    }

    /** What the registry holds under {@code reference}. */
    RegistryApiTransport.ManifestInfo head(String reference) {
        return client.headManifest(repository, reference);
    }
}
