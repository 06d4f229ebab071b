package dev.hoist.component;

import dev.hoist.api.ImageReference;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.spi.InvalidRegistryUriException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registries Hoist builds for references that no configured registry owns: steps 2 and 3 of
 * {@link ContainerRegistries#forReference}. The flavor that claims the reference's host builds it (else the
 * {@code default} flavor), with that flavor's {@code registry-defaults}; its URI is the host plus the fewest leading
 * components of the repository that the flavor's URI rules accept (the host alone for {@code default}, the owner for
 * github, the namespace for dockerhub, the project (and repository) for gcp, group and project for gitlab). Each
 * registry is built once per flavor and URI, and closed by {@link #close()}.
 */
final class ImplicitRegistries implements AutoCloseable {

    /** The flavor that serves the hosts no flavor claims. */
    static final String DEFAULT_FLAVOR = "default";

    private static final Logger LOG = LoggerFactory.getLogger(ImplicitRegistries.class);

    private final Supplier<HostClaims> claims;
    private final Components<ContainerRegistry> registries;
    private final String registriesPath;
    private final Map<String, ContainerRegistry> built = new ConcurrentHashMap<>();

    /**
     * @param claims the flavors and their claims, read on first use
     * @param registries builds each registry from its flavor and settings, as config would
     * @param registriesPath where a registry would be configured, such as {@code hoist.registries}, for messages
     */
    ImplicitRegistries(Supplier<HostClaims> claims, Components<ContainerRegistry> registries, String registriesPath) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.registries = Objects.requireNonNull(registries, "registries");
        this.registriesPath = Objects.requireNonNull(registriesPath, "registriesPath");
    }

    /** {@return the flavors and their claims} */
    HostClaims claims() {
        return claims.get();
    }

    /**
     * The implicit registry for a reference.
     *
     * @param parsed the reference, parsed
     * @param reference the reference as written
     * @param reading whether the registry only reads the reference: then a host whose claiming flavor refuses the
     *        reference is read through the {@code default} flavor instead
     * @return the registry; empty when no flavor claims the host and there is no {@code default} flavor
     * @throws ContestedHostException when two flavors claim the host
     * @throws InvalidImageNameException {@code INVALID} when the claiming flavor's URI rules accept no URI the
     *         reference could be under, with the flavor's reason
     */
    Optional<ContainerRegistry> registryFor(ImageReference parsed, String reference, boolean reading) {
        HostClaims known = claims.get();
        String host = parsed.registry();
        List<HostClaims.Claim> matching = known.claiming(host);
        if (matching.stream().map(HostClaims.Claim::flavor).distinct().count() > 1) {
            throw new ContestedHostException(reference, host, matching, registriesPath);
        }
        Optional<HostClaims.Candidate> fallback = known.flavor(DEFAULT_FLAVOR);
        if (matching.isEmpty()) {
            return fallback.map(flavor -> built(flavor, uriFor(flavor, parsed, reference, null)));
        }
        HostClaims.Candidate claimant = known.flavor(matching.get(0).flavor()).orElseThrow();
        try {
            return Optional.of(built(claimant, uriFor(claimant, parsed, reference, matching.get(0))));
        } catch (InvalidImageNameException refused) {
            if (!reading || fallback.isEmpty() || claimant.name().equals(DEFAULT_FLAVOR)) {
                throw refused;
            }
            // A read needs no push rule: Docker Official Images (docker.io/library/...) are read, never pushed.
            LOG.info("Reading {} through the {} flavor: {}", reference, DEFAULT_FLAVOR, refused.getMessage());
            return Optional.of(built(fallback.get(), uriFor(fallback.get(), parsed, reference, null)));
        }
    }

    /**
     * The fewest leading components of the repository, after the host, that the flavor accepts as a URI: the
     * flavor's own URI rules decide what it needs. The image keeps at least one component below the URI.
     */
    private String uriFor(HostClaims.Candidate flavor, ImageReference parsed, String reference, HostClaims.Claim claim) {
        String[] components = parsed.repository().split("/");
        InvalidRegistryUriException last = null;
        StringBuilder candidate = new StringBuilder(parsed.registry());
        for (int depth = 0; depth < components.length; depth++) {
            if (depth > 0) {
                candidate.append('/').append(components[depth - 1]);
            }
            try {
                return flavor.flavor().normalizeUri(candidate.toString());
            } catch (InvalidRegistryUriException refused) {
                last = refused;
            }
        }
        throw InvalidImageNameException.invalid(reference, "no configured registry owns it, and flavor '"
                + flavor.name() + "'" + (claim == null ? "" : ", which claims its host as '" + claim.pattern() + "',")
                + " accepts no registry URI it could be under. " + Objects.requireNonNull(last).getMessage()
                + " Configure a registry for it in " + registriesPath + ", or name one with --registry");
    }

    private ContainerRegistry built(HostClaims.Candidate flavor, String uri) {
        return built.computeIfAbsent(flavor.name() + " " + uri, key -> {
            ContainerRegistry registry = registries.create(uri, flavor.name(), Map.of("uri", uri))
                    .asImplicit(registriesPath);
            LOG.debug("Built {}", registry.describe());
            return registry;
        });
    }

    /** Closes every implicit registry built, as configured ones are closed; a failure is logged. */
    @Override
    public void close() {
        List<ContainerRegistry> all = new ArrayList<>(built.values());
        built.clear();
        for (ContainerRegistry registry : all) {
            try {
                registry.close();
            } catch (Exception failed) {
                LOG.warn("Closing {} failed", registry.describe(), failed);
            }
        }
    }
}
