package dev.hoist.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container registry flavor: the rules and behaviour of one kind of registry, such as
 * GitHub's or GitLab's. Register an implementation with
 * {@code @AutoService(ContainerRegistryFlavor.class)}.
 *
 * <p>Core owns the registry itself ({@code dev.hoist.registry.ContainerRegistry}) and the steps
 * of a push, always in this order: parse the image reference, check that the image belongs to
 * the registry's URI, run the flavor's {@link #pushHook push hook}, resolve credentials (the
 * registry's config, then {@link #credentialSources the flavor's own sources}, then docker's
 * config files), move the bytes, and return the digest the registry confirmed. A flavor
 * contributes only through the methods below; every one has a default but
 * {@link #normalizeUri}. Since SPI 2.2 a flavor may also claim the {@link #hosts() hosts} it serves, so that their
 * references need no configured registry.
 *
 * <p>Core calls every method with the thread context class loader set to the flavor's own
 * class loader, and turns anything a method throws (other than a {@link HoistException}) into
 * a one-line problem naming the flavor, its class and its jar.
 */
public interface ContainerRegistryFlavor extends Flavor {

    /** The type of every container registry flavor. */
    @Override
    default StackComponentType type() {
        return StackComponentType.CONTAINER_REGISTRY;
    }

    /**
     * Checks a registry URI against this flavor's rules and returns its normal form, the one
     * config tools and messages show. {@code dev.hoist.api.UriRules} builds most of it.
     *
     * @param uri the URI as written in config, {@code [host[:port]/]path}, never {@code null}
     * @return the normal form, never {@code null} (core refuses a {@code null} answer)
     * @throws InvalidRegistryUriException naming the rule broken and, when one exists, a URI
     *         that this flavor would accept
     */
    String normalizeUri(String uri);

    /**
     * Checks the registry's settings that are this flavor's own (keys declared under
     * {@code hoist.flavors.<name>.registry-defaults} in the flavor's {@code reference.conf}),
     * at load time, before anything is built. Core checks {@code uri} and the credential
     * settings itself. Problems are reported with every other config problem, each with its
     * path and {@code file:line}.
     *
     * @param settings the registry's name, flavor and config subtree (flavor defaults applied)
     * @return every problem, each with the key it concerns, relative to the registry; empty if none
     */
    default List<SettingProblem> check(ComponentSettings settings) {
        return List.of();
    }

    /**
     * The rules this flavor adds to a push, run after the ownership check and before any
     * credential is looked up. Called once per registry, when the registry is built.
     *
     * @param settings the registry's checked settings
     * @param context the host's services, including the bindings of this flavor's {@link #module()}
     * @return the hook, or empty when the flavor adds no rule (the default)
     */
    default Optional<PushHook> pushHook(ComponentSettings settings, ComponentContext context) {
        return Optional.empty();
    }

    /**
     * Credential sources native to this flavor's provider, such as a CI token in an environment
     * variable, asked after the registry's configured credentials and before docker's config
     * files, in the map's order. A source should answer only for its provider's hosts.
     *
     * @param host the registry's host and port as docker writes it, such as {@code ghcr.io} or
     *        {@code localhost:5001}; already parsed from the URI by core
     * @param environment the environment variables to read (the process's, or a host's stand-in)
     * @return the sources by id (the ids {@code disabled-credential-sources} names), in order
     */
    default Map<String, CredentialSource> credentialSources(String host, Map<String, String> environment) {
        return Map.of();
    }

    /**
     * The registry hosts this flavor serves, so that a reference on one of them is pushed, read or copied through
     * this flavor without any registry in config (an <em>implicit registry</em>): its {@code registry-defaults},
     * its URI rules, its push hook and its {@linkplain #credentialSources credential sources}. Core asks only when
     * no configured registry owns a reference, and never claims for a flavor that returns none (the default), as
     * the {@code default} flavor does: it serves every host nobody claims.
     *
     * <p>Each entry is a host pattern ({@code dev.hoist.api.HostPattern}), matched ignoring case against the
     * reference's canonical host (Docker Hub's other names folded to {@code docker.io} first):
     * <ul>
     *   <li>an exact host, with a port only to claim that port: {@code ghcr.io}, {@code registry.example.com:5050};
     *       a pattern without a port does not match the host written with one;</li>
     *   <li>{@code *.suffix}: one more DNS label in front, such as {@code *.azurecr.io};</li>
     *   <li>{@code *-suffix}: the first label ends so, such as {@code *-docker.pkg.dev}.</li>
     * </ul>
     * Claim only hosts your provider runs: two flavors that claim one host make every implicit use of it an error
     * naming both flavors and their jars. An invalid pattern is logged and ignored, and {@code hoist flavors}
     * reports it.
     *
     * @return the host patterns, never {@code null}; empty when the flavor claims no host
     * @since SPI 2.2
     */
    default List<String> hosts() {
        return List.of();
    }
}
