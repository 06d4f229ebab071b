package dev.hoist.auth;

import dev.hoist.api.RegistryNames;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The one rule for where a registry's credentials may go when its Bearer challenge names a token realm
 * ({@code WWW-Authenticate: Bearer realm="…"}), used by {@code hoist auth} ({@link dev.hoist.distribution.RegistryProbe}) and by the
 * registry-API transport:
 * <ol>
 *   <li>credentials go to the registry host itself, and to its realm only over HTTPS;</li>
 *   <li>a plain-HTTP realm gets them only when both the registry and the realm are on this machine
 *       (loopback by name, {@link dev.hoist.api.RegistryNames#isLoopback(String)});</li>
 *   <li>a realm on another host than the registry is followed (Docker Hub, GHCR, ACR all work this way) and
 *       the caller logs that at INFO.</li>
 * </ol>
 * A realm that is not an absolute {@code http} or {@code https} URL is refused. Docker itself sends
 * credentials to any realm; this rule is stricter over plain HTTP.
 */
public final class TokenRealmRule {

    private TokenRealmRule() {
    }

    /**
     * The verdict for one realm.
     *
     * @param allowed whether credentials may be sent to the realm
     * @param otherHost whether the realm is on another host (or port) than the registry; log it at INFO
     * @param reason when refused, why, naming the realm, for a message; empty when allowed
     */
    public record Verdict(boolean allowed, boolean otherHost, String reason) {
    }

    /**
     * Decides whether credentials for {@code registryHost} may go to {@code realm}.
     *
     * @param registryHost the registry's {@code host[:port]}, as in image names
     * @param realm the realm from the challenge
     */
    public static Verdict check(String registryHost, URI realm) {
        Objects.requireNonNull(registryHost, "registryHost");
        Objects.requireNonNull(realm, "realm");
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || realm.getHost() == null) {
            return new Verdict(false, true, "its token realm " + realm + " is not an http(s) URL");
        }
        String realmHost = hostPort(realm);
        boolean otherHost = !sameHostPort(registryHost, realm);
        if (scheme.equals("https")) {
            return new Verdict(true, otherHost, "");
        }
        if (RegistryNames.isLoopback(registryHost) && RegistryNames.isLoopback(realmHost)) {
            return new Verdict(true, otherHost, "");
        }
        return new Verdict(false, otherHost, "its token realm " + realm + " is plain HTTP and "
                + (RegistryNames.isLoopback(registryHost) ? "the realm" : "the registry")
                + " is not on this machine");
    }

    /** {@code host} or {@code host:port} of a URI, IPv6 literals in brackets. */
    static String hostPort(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static boolean sameHostPort(String registryHost, URI realm) {
        String realmHost = realm.getHost();
        int defaultPort = realm.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        int realmPort = realm.getPort() < 0 ? defaultPort : realm.getPort();
        String host = registryHost;
        int port = -1;
        int colon = registryHost.lastIndexOf(':');
        if (colon > registryHost.lastIndexOf(']')) {
            host = registryHost.substring(0, colon);
            try {
                port = Integer.parseInt(registryHost.substring(colon + 1));
            } catch (NumberFormatException notAPort) {
                return false;
            }
        }
        return host.equalsIgnoreCase(realmHost) && (port < 0 ? realmPort == defaultPort || realmPort == 443
                || realmPort == 80 : port == realmPort);
    }
}
