package dev.hoist.docker;

import dev.hoist.spi.RegistryCredentials;
import java.util.Optional;

/**
 * Asks a registry which manifest digest a tag points at: {@code HEAD /v2/<name>/manifests/<tag>}, accepting
 * the Docker v2 schema 2 manifest and manifest list and the OCI manifest and index, and reading the
 * {@code Docker-Content-Digest} header (OCI distribution spec, "Checking if content exists in the registry";
 * Docker Registry HTTP API V2, "Existing Manifests").
 *
 * <p>After an engine push, Hoist returns the registry's digest rather than the engine's: Podman's
 * Docker-compatible API can report a digest other than the one the registry stores.
 */
public interface RegistryDigestLookup {

    /** The media types asked for, in the {@code Accept} header. */
    String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    /**
     * The digest the registry holds for a tag.
     *
     * @param registryHost the registry's host and port as docker writes it, such as {@code localhost:5000} or
     *        {@code docker.io}
     * @param repositoryPath the repository under that host, such as {@code team/app}
     * @param tag the tag just pushed
     * @param credentials the credentials the push used
     * @return the digest, {@code sha256:<64 hex>}
     * @throws Unavailable when the registry cannot be asked or does not say; the message says why, without secrets
     */
    String digest(String registryHost, String repositoryPath, String tag, Optional<RegistryCredentials> credentials)
            throws Unavailable;

    /** The registry could not be asked, or did not answer with a digest. */
    final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        /** @param reason one line, never a secret */
        public Unavailable(String reason) {
            super(reason);
        }
    }
}
