package dev.hoist.transport.registry;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a push goes, with the per-registry connection settings the registry's config gives.
 *
 * @param host the registry host as written in image names, with its port if any: {@code ghcr.io},
 *        {@code 127.0.0.1:5000}, {@code [::1]:5000}
 * @param repository the repository path in that registry, for example {@code team/app}
 * @param tag the tag to write, for example {@code 1.0}
 * @param caFile a PEM file of CA certificates to trust for this registry, besides the system trust store and
 *        {@code certs.d}
 * @param insecure whether plain HTTP and unverified TLS are allowed for this registry even though it is not on
 *        this machine (loopback registries always allow them, as docker does for 127.0.0.0/8)
 */
public record RegistryTarget(String host, String repository, String tag, Optional<Path> caFile, boolean insecure) {

    public RegistryTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(caFile, "caFile");
        if (host.isBlank() || repository.isBlank() || tag.isBlank()) {
            throw new IllegalArgumentException("host, repository and tag must not be blank");
        }
    }

    /** A target with no CA file of its own that is not marked insecure. */
    public static RegistryTarget of(String host, String repository, String tag) {
        return new RegistryTarget(host, repository, tag, Optional.empty(), false);
    }

    /** {@code host/repository:tag}. */
    public String image() {
        return host + "/" + repository + ":" + tag;
    }
}
