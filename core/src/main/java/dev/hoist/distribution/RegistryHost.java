package dev.hoist.distribution;

import dev.hoist.api.RegistryNames;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry host and its own TLS settings: what the HTTP layer needs to reach it.
 *
 * @param name the host as written in image names, with its port if any: {@code ghcr.io}, {@code 127.0.0.1:5000},
 *        {@code docker.io}. Credentials and docker's {@code certs.d} directory are looked up under this name.
 * @param caFile a PEM file of CA certificates to trust for this registry, besides the system trust store and
 *        {@code certs.d}
 * @param insecure whether plain HTTP and unverified TLS are allowed for this registry even though it is not on
 *        this machine (a loopback registry always allows them, as docker does for 127.0.0.0/8)
 */
public record RegistryHost(String name, Optional<Path> caFile, boolean insecure) {

    public RegistryHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caFile, "caFile");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a registry host must not be blank");
        }
    }

    /** A host with no CA file of its own that is not marked insecure. */
    public static RegistryHost of(String name) {
        return new RegistryHost(name, Optional.empty(), false);
    }

    /**
     * The {@code host[:port]} that serves the registry API: {@code registry-1.docker.io} for Docker Hub and each of
     * its aliases ({@code docker.io} does not serve {@code /v2/}; docker, crane and skopeo go there too), else
     * {@link #name()}.
     */
    public String apiHost() {
        return RegistryNames.isDockerHub(name) ? RegistryNames.DOCKER_HUB_API_HOST : name;
    }

    /** Whether plain HTTP and unverified HTTPS may be tried: loopback by name, or marked insecure. */
    public boolean mayBeInsecure() {
        return insecure || RegistryNames.isLoopback(apiHost());
    }
}
