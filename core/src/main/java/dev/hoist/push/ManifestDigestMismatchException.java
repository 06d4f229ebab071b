package dev.hoist.push;

/**
 * The registry stored a manifest under a digest other than the digest of the bytes Hoist sent
 * ({@code Docker-Content-Digest} disagrees), so what the tag now points at is not what was pushed.
 */
public class ManifestDigestMismatchException extends RegistryApiException {

    /**
     * @param image the pushed reference
     * @param sent the digest of the exact bytes sent
     * @param reported the registry's {@code Docker-Content-Digest}
     */
    public ManifestDigestMismatchException(String image, String sent, String reported) {
        super("The registry stored the manifest of '" + image + "' as " + reported + " but the bytes Hoist sent hash"
                + " to " + sent + "; the registry (or a proxy in between) changed the manifest. Do not trust this tag.",
                null);
    }
}
