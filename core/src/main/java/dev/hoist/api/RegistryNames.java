package dev.hoist.api;

import java.util.Locale;
import java.util.Set;

/**
 * The one home of registry-name knowledge that every part of Hoist shares: the reference
 * parser, the URI rules, ownership, credentials, the token flow and the engine.
 *
 * <ul>
 *   <li><b>Docker Hub</b> is {@code docker.io}; {@code index.docker.io}, {@code registry-1.docker.io}
 *       and {@code registry.hub.docker.com} are other names of it (docker's
 *       {@code registry.IndexHostname}/{@code DefaultRegistryHost}).</li>
 *   <li><b>The host-element rule</b> (distribution's {@code reference.splitDockerDomain}): the
 *       first path element of a name is a registry host when it contains {@code .} or {@code :},
 *       is {@code localhost}, or has an upper-case letter; otherwise the name is on Docker Hub.</li>
 *   <li><b>The loopback rule</b>: {@code localhost} (any case), an IPv4 literal in
 *       {@code 127.0.0.0/8} written in canonical dotted decimal (four octets 0-255, no leading
 *       zeros: {@code 127.01.0.1} is a host name, as Go's {@code net.ParseIP} reads it), or
 *       {@code [::1]}; with or without a port. Decided by name only, never by DNS, as docker
 *       decides which registries it may reach over plain HTTP.</li>
 * </ul>
 */
public final class RegistryNames {

    /** The host Hoist and docker use for Docker Hub. */
    public static final String DOCKER_HUB = "docker.io";

    /** Where Docker Hub's registry API answers; {@code docker.io} itself serves no {@code /v2/}. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    /** Every name of Docker Hub, lower case, {@link #DOCKER_HUB} first among equals. */
    public static final Set<String> DOCKER_HUB_ALIASES =
            Set.of(DOCKER_HUB, "index.docker.io", DOCKER_HUB_API_HOST, "registry.hub.docker.com");

    private RegistryNames() {
    }

    /**
     * Whether a host names Docker Hub.
     *
     * @param host a host, with or without a port; may be {@code null}
     * @return true for any of {@link #DOCKER_HUB_ALIASES}, in any case
     */
    public static boolean isDockerHub(String host) {
        return host != null && DOCKER_HUB_ALIASES.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * The canonical form of a registry host, the one host claims ({@link HostPattern}) are matched against:
     * lower case, and any of Docker Hub's names folded to {@link #DOCKER_HUB}. A port is kept as written.
     *
     * @param host a host with or without its port, such as {@code GHCR.io}, {@code index.docker.io} or
     *        {@code [::1]:5000}
     * @return the canonical host, such as {@code ghcr.io}, {@code docker.io} or {@code [::1]:5000}
     */
    public static String canonicalHost(String host) {
        java.util.Objects.requireNonNull(host, "host");
        return isDockerHub(host) ? DOCKER_HUB : host.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether two hosts are the same registry: equal ignoring case, or both Docker Hub.
     *
     * @param a a host with its port, may be {@code null}
     * @param b a host with its port, may be {@code null}
     * @return false when either is {@code null}
     */
    public static boolean sameHost(String a, String b) {
        return a != null && b != null && (a.equalsIgnoreCase(b) || (isDockerHub(a) && isDockerHub(b)));
    }

    /**
     * The host-element rule: whether the first element of a name is a registry host.
     *
     * @param element the text before the first {@code /} of a name
     * @return true when it contains {@code .} or {@code :}, is {@code localhost}, or has upper case
     */
    public static boolean isHostElement(String element) {
        return element.indexOf('.') >= 0 || element.indexOf(':') >= 0 || element.equals("localhost")
                || !element.equals(element.toLowerCase(Locale.ROOT));
    }

    /**
     * The registry host of a repository name as the engine resolves it.
     *
     * @param name a name such as {@code localhost:5000/app} or {@code library/ubuntu}
     * @return its first element when that is a host, else {@link #DOCKER_HUB}
     */
    public static String hostOf(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        return slash > 0 && isHostElement(first) ? first : DOCKER_HUB;
    }

    /**
     * The loopback rule (see the class comment).
     *
     * @param hostOrUri a host, {@code host:port}, or a registry URI {@code host[:port]/path}; may
     *        be {@code null}
     * @return true when its host is loopback by name; false for anything malformed
     */
    public static boolean isLoopback(String hostOrUri) {
        if (hostOrUri == null || hostOrUri.isEmpty()) {
            return false;
        }
        int slash = hostOrUri.indexOf('/');
        String hostPort = slash < 0 ? hostOrUri : hostOrUri.substring(0, slash);
        int portSeparator;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            portSeparator = close + 1;
        } else {
            portSeparator = hostPort.indexOf(':');
            if (portSeparator < 0) {
                portSeparator = hostPort.length();
            }
        }
        if (!isPortSuffix(hostPort, portSeparator)) {
            return false;
        }
        String host = hostPort.substring(0, portSeparator);
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]") || isLoopbackIpv4(host);
    }

    private static boolean isPortSuffix(String hostPort, int from) {
        if (from == hostPort.length()) {
            return true;
        }
        if (hostPort.charAt(from) != ':' || from + 1 == hostPort.length()) {
            return false;
        }
        for (int i = from + 1; i < hostPort.length(); i++) {
            char c = hostPort.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoopbackIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            boolean digits = !octet.isEmpty() && octet.length() <= 3 && octet.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
