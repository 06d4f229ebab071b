package dev.hoist.auth;

import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks credential sources in order for a host's credentials; the first answer wins. For a
 * configured registry the order is documented in the README: explicit config, the registry's
 * credential helper, the flavor's own sources, docker configuration, then anonymous.
 */
public final class CredentialResolver {

    /**
     * One source in the chain.
     *
     * @param id what config's {@code disabled-credential-sources} calls it
     * @param description where it looks, for messages: no secrets
     * @param source the lookup
     */
    public record Source(String id, String description, CredentialSource source) {

        public Source {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(source, "source");
        }
    }

    private final List<Source> sources;

    public CredentialResolver(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The sources, in the order they are asked. */
    public List<Source> sources() {
        return sources;
    }

    /**
     * Asks each source in turn for {@code host}.
     *
     * @throws dev.hoist.spi.CredentialLookupException if a source that should answer cannot, such as a missing helper
     */
    public CredentialResolution resolve(String host) {
        List<String> consulted = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Source source : sources) {
            consulted.add(source.description());
            Optional<RegistryCredentials> found = source.source().lookup(host, skipped::add);
            if (found.isPresent()) {
                return new CredentialResolution(host, found, consulted, skipped);
            }
        }
        return new CredentialResolution(host, Optional.empty(), consulted, skipped);
    }
}
