package dev.hoist.reference;

import java.util.Locale;
import java.util.Objects;

/**
 * Which registry an image belongs to, and whether a registry is on this machine.
 *
 * <p>Registry URIs here are the normal forms flavors produce: no scheme, tag or digest, for example
 * {@code localhost:5000}, {@code gcr.io/proj}, {@code myaccount}, {@code docker.io/myaccount} or
 * {@code [::1]:5000/team}. Their first element is a host under the same rule as an image reference's
 * domain: it has {@code .} or {@code :}, is {@code localhost}, or is not all lower case. Otherwise the
 * URI names a Docker Hub namespace. Unlike an image reference, a URI that is only a host
 * ({@code localhost}) is a host.
 *
 * <p>These methods answer {@code false} rather than throw for URIs they cannot read.
 */
public final class RegistryOwnership {

    /** Names that all reach Docker Hub; compared ignoring case. */
    private static final String[] DOCKER_HUB_HOSTS = {
        "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com",
    };

    private RegistryOwnership() {
    }

    /**
     * Whether {@code image} lives under {@code registryUri}: both hosts are the same (ignoring case,
     * port included, the Docker Hub names counting as one host) and the URI's path components are
     * the first components of the image's repository, component by component. So
     * {@code localhost:50001/x} is not under {@code localhost:5000}, {@code gcr.io/proj-evil/x} is
     * not under {@code gcr.io/proj}, and {@code user/img} is under both {@code user} and
     * {@code docker.io/user}.
     *
     * @param image a parsed reference
     * @param registryUri a registry URI in normal form; {@code null} or empty belongs to nothing
     */
    public static boolean belongsTo(ImageReference image, String registryUri) {
        Objects.requireNonNull(image, "image");
        if (registryUri == null) {
            return false;
        }
        int end = registryUri.length();
        while (end > 0 && registryUri.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        String uri = registryUri.substring(0, end);
        int slash = uri.indexOf('/');
        String first = slash < 0 ? uri : uri.substring(0, slash);
        String host = ImageReference.DOCKER_HUB;
        String path = uri;
        if (isHostElement(first)) {
            host = first;
            path = slash < 0 ? "" : uri.substring(slash + 1);
        }
        if (!sameHost(host, image.registry())) {
            return false;
        }
        String repository = image.repository();
        // Prefix by whole components: 'proj' covers 'proj' and 'proj/...', never 'proj-evil'.
        return path.isEmpty() || repository.equals(path)
                || (repository.startsWith(path) && repository.charAt(path.length()) == '/');
    }

    /**
     * Whether two registry hosts (with any port) are the same registry: equal ignoring case, where
     * {@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io} and
     * {@code registry.hub.docker.com} are one. Ports count: {@code localhost:5000} is not {@code localhost}.
     */
    public static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.equalsIgnoreCase(b) || (isDockerHub(a) && isDockerHub(b));
    }

    /** Whether a host, without port, is one of Docker Hub's names. */
    public static boolean isDockerHub(String host) {
        for (String hub : DOCKER_HUB_HOSTS) {
            if (hub.equalsIgnoreCase(host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a registry URI or host names this machine: its host is {@code localhost} (any case),
     * a dotted-decimal IPv4 address in {@code 127.0.0.0/8} (four octets of 0 to 255, written without
     * leading zeros), or {@code [::1]}; with or without a {@code :port} (digits) and a path. Other
     * spellings of the loopback address, such as {@code [0:0:0:0:0:0:0:1]} or {@code 127.1}, are not
     * recognised, so they answer {@code false}, the cautious answer.
     */
    public static boolean isLocalHost(String registryUriOrHost) {
        if (registryUriOrHost == null || registryUriOrHost.isEmpty()) {
            return false;
        }
        int slash = registryUriOrHost.indexOf('/');
        String hostPort = slash < 0 ? registryUriOrHost : registryUriOrHost.substring(0, slash);
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

    /** Nothing, or ':' and at least one digit, from {@code from} to the end. */
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
            // A leading zero reads as octal to some resolvers; refuse the ambiguity.
            if (!digits || (octet.length() > 1 && octet.charAt(0) == '0') || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The reference rule for a first element: a host when it has '.' or ':', is 'localhost', or has upper case. */
    private static boolean isHostElement(String element) {
        return element.indexOf('.') >= 0 || element.indexOf(':') >= 0 || element.equals("localhost")
                || !element.equals(element.toLowerCase(Locale.ROOT));
    }
}
